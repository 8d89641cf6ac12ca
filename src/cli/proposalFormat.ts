import { readFileSync } from "fs";
import * as path from "path";
import { knownFields, type FieldSchema } from "../workbook/knownFields";

/**
 * The proposal format as the CLI applies it before a proposal reaches a workbook: the fields
 * schema/proposal.schema.json (and the triangulation schema it refers to) define, nothing else.
 */

/** The bundled schema folder (same relative place from src/cli and lib/cli). */
const SCHEMA_DIR = path.join(__dirname, "..", "..", "schema");
const FILES = ["proposal.schema.json", "triangulation.schema.json"];

let schemas: Map<string, FieldSchema> | undefined;

function loaded(): Map<string, FieldSchema> {
  schemas ??= new Map(
    FILES.map((f) => [f, JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), "utf8")) as FieldSchema]),
  );
  return schemas;
}

/**
 * A proposal JSON with only the fields the proposal schema defines (unknown fields dropped, so they are
 * neither laid out nor stored in the register).
 *
 * @example
 * proposalFields({ opportunity: { name: "X" }, notes: "x".repeat(5e7) }) // { opportunity: { name: "X" } }
 */
export function proposalFields(raw: unknown): unknown {
  const set = loaded();
  return knownFields(raw, set.get(FILES[0]) ?? {}, set);
}

/** The parts of a proposal its sheet is laid out from, row by row: kept whole when a register is cleaned. */
const LAID_OUT = ["assumptions", "triangulation"] as const;

/**
 * What refresh keeps of a proposal already in a workbook's register: the format's fields, except that the
 * parts its sheet was laid out from stay as they are (so no cell moves); an unknown field elsewhere, such as
 * a large attachment stored by an earlier version, is dropped.
 *
 * @example
 * storedFields({ assumptions: { durationWeeks: 1, extra: 2 }, attachment: "…" }) // { assumptions: { durationWeeks: 1, extra: 2 } }
 */
export function storedFields(proposal: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const known = { ...(proposalFields(proposal) as Record<string, unknown>) };
  for (const key of LAID_OUT) if (proposal[key] !== undefined) known[key] = proposal[key];
  return known;
}
