import { isEngineError, type EngineErrorCode } from "../../engine/errors";
import { draftToRaw, type Draft } from "./draft";
import { FIELDS, fieldSpec, type FieldSpec } from "./fields";
import { fieldMessage } from "./messages";
import { getPath, normalisePath, setPath } from "./path";
import { streamFieldAt } from "./streamDraft";

/** One problem to show beside a field. `path` is the field's JSON path ("" when it names no field). */
export interface FieldError {
  readonly path: string;
  readonly code: EngineErrorCode | "bug";
  readonly message: string;
  /** Where the field is when its label alone does not say (a stream's), e.g. "Stream 2 (Falls)". */
  readonly where?: string;
}

export interface Validation<P> {
  /** The parsed proposal when the draft is valid, else null. */
  readonly proposal: P | null;
  readonly errors: readonly FieldError[];
}

/** A value the parser accepts for a field of this kind, used only to look past one error to the next. */
function standIn(spec: FieldSpec | undefined): unknown {
  switch (spec?.kind) {
    case "number":
      return 1;
    case "percent":
      return "0%";
    case "date":
      return "2026-04-01";
    case "fy":
      return "FY26/27";
    case "choice":
      return spec.choices?.[0]?.value;
    case "flag":
      return true;
    default:
      return "x";
  }
}

const MAX_ERRORS = 40;

/** A field the engine named, as the form knows it. */
export interface LocatedField {
  readonly path: string;
  readonly spec: FieldSpec | undefined;
  readonly where?: string;
}

/**
 * The form field of an engine field path: inside a stream, the stream's own item (its kind decides the
 * label); else as given, or under `assumptions.` (the profile's own checks name fields relative to the
 * assumptions, e.g. `timeline.pilotEndDate`), or, for a whole block the engine finds missing
 * (`assumptions.baseline`), its first required field, so the message names an input on the right step.
 *
 * @example
 * locateField(draft, "assumptions.streams[1].durationWeeks").path // "assumptions.streams.1.durationWeeks"
 */
export function locateField(draft: Draft, field: string): LocatedField {
  const given = normalisePath(field);
  // The profile's own checks name a stream's field relative to the assumptions (`streams[1].caseload`).
  const path = given.startsWith("streams.") ? `assumptions.${given}` : given;
  const inStream = streamFieldAt(draft.streams ?? [], path);
  if (inStream) return { path: inStream.path, spec: inStream.spec, where: inStream.where };
  if (fieldSpec(path) !== undefined) return { path, spec: fieldSpec(path) };
  if (fieldSpec(`assumptions.${path}`) !== undefined)
    return { path: `assumptions.${path}`, spec: fieldSpec(`assumptions.${path}`) };
  const first = FIELDS.find((f) => !f.optional && f.path.startsWith(`${path}.`));
  return first ? { path: first.path, spec: first } : { path, spec: undefined };
}

/**
 * Validates a draft with the engine's own parser (the rules live there, not here) and returns every field error.
 * The parser stops at the first bad field, so each flagged field is set aside (a stand-in value, then removed)
 * and the parse repeated until it passes, so the user sees all their problems at once.
 *
 * @example
 * validateDraft(draft, parseProposal).errors[0]?.message // "Duration must be more than 0 weeks"
 */
export function validateDraft<P>(draft: Draft, parse: (raw: unknown) => P): Validation<P> {
  const raw = draftToRaw(draft);
  const errors: FieldError[] = [];
  const attempts = new Map<string, number>();
  for (let i = 0; i < MAX_ERRORS * 2; i += 1) {
    try {
      const proposal = parse(raw);
      return { proposal: errors.length === 0 ? proposal : null, errors };
    } catch (e) {
      if (!isEngineError(e)) {
        errors.push({ path: "", code: "bug", message: `Unexpected problem: ${String(e)}` });
        return { proposal: null, errors };
      }
      const { path, spec, where } = locateField(draft, e.field);
      const tries = attempts.get(path) ?? 0;
      attempts.set(path, tries + 1);
      if (tries === 0)
        errors.push({ path, code: e.code, message: fieldMessage(spec, e.rule), ...(where ? { where } : {}) });
      if (tries === 0 && getPath(raw, path) !== undefined) setPath(raw, path, undefined);
      else if (tries <= 1) setPath(raw, path, standIn(spec));
      else return { proposal: null, errors };
    }
  }
  return { proposal: null, errors };
}
