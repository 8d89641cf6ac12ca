import * as path from "path";
import {
  Decimal,
  ZERO,
  checkProposal,
  computeAssumptions,
  isEngineError,
  directorateSubtotals,
  overlapRegister,
  programmeTotal,
  proposalClaims,
  type ExistingMtfsLine,
  type InputWarning,
  type OverlapFlag,
  type Proposal,
  type ProposalProfile,
  type StreamCohortKey,
} from "../engine";
import { POUNDS_PER_MILLION } from "../workbook/layouts/programmeConfig";
import { CliError } from "./errors";
import { readJsonFile } from "./readJson";

/**
 * The programme file (examples/programme.json: Appendix A's rows) with every row that names an `example`
 * modelled from that proposal file: its MTFS row per programme FY, the directorate subtotals and the total
 * from those figures (typed rows as published), the published figures beside them, and the overlap register
 * of the modelled proposals.
 */

/** A proposal modelled for the programme: its lines, the cohort keys of its streams, its existing MTFS lines. */
export interface ModelledForProgramme {
  readonly proposal: Proposal;
  readonly lines: ProposalProfile;
  readonly cohortKeys: readonly StreamCohortKey[];
  readonly existingMtfsLines: readonly ExistingMtfsLine[];
  readonly warnings: readonly InputWarning[];
}

/**
 * Parses and computes one proposal the way `calc profile` does, keeping what the programme needs.
 *
 * @example
 * modelForProgramme(readJsonFile("examples/cfs-targeted-prevention.json")).lines.years[3].mtfsImpact // £1.10m
 */
export function modelForProgramme(raw: unknown): ModelledForProgramme {
  const { value: proposal, warnings } = checkProposal(raw);
  const a = proposal.assumptions;
  const lines = computeAssumptions(a).proposal;
  const cohortKeys = a.streams.map((s) => ({
    id: s.id,
    ...(s.cohortKey === undefined ? {} : { cohortKey: s.cohortKey }),
  }));
  return { proposal, lines, cohortKeys, existingMtfsLines: a.existingMtfsLines, warnings };
}

/** One Appendix A row: modelled (from its example) or typed (as published). */
export interface ProgrammeFigureRow {
  readonly opportunity: string;
  readonly directorate: string;
  readonly source: "modelled" | "typed";
  /** The example file that models it. */
  readonly example?: string;
  /** £ per programme FY (null: the table prints "-"). */
  readonly amounts: readonly (Decimal | null)[];
  /** As published, £ per FY (null where "-"). */
  readonly published: readonly (Decimal | null)[];
}

/** A directorate's rows and subtotal. */
export interface ProgrammeFigureGroup {
  readonly directorate: string;
  readonly subtotalLabel: string;
  readonly rows: readonly ProgrammeFigureRow[];
  readonly subtotal: readonly Decimal[];
  readonly publishedSubtotal?: readonly Decimal[];
}

/** The whole programme as `calc programme` prints it. */
export interface ProgrammeFigures {
  readonly title: string;
  readonly fyLabels: readonly string[];
  readonly mtfsYears: number;
  readonly directorates: readonly ProgrammeFigureGroup[];
  readonly total: readonly Decimal[];
  readonly publishedTotal?: readonly Decimal[];
  readonly overlaps: readonly OverlapFlag[];
  /** Input warnings of the modelled proposals, prefixed with the example's name. */
  readonly warnings: readonly string[];
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === "object" && !Array.isArray(x);

function millions(xs: unknown, field: string, n: number): (Decimal | null)[] | undefined {
  if (xs === undefined) return undefined;
  if (!Array.isArray(xs) || xs.length !== n || xs.some((x) => x !== null && typeof x !== "number")) {
    throw new CliError(`${field}: must be ${n} amounts in £m (null for "-")`);
  }
  return xs.map((x: number | null) => (x === null ? null : new Decimal(x).times(POUNDS_PER_MILLION)));
}

const filled = (xs: readonly (Decimal | null)[]): Decimal[] => xs.map((x) => x ?? ZERO);

/**
 * Reads a programme file and models every row that names an example (its path relative to the programme
 * file). A bad programme field or example is one CliError / EngineError line naming it.
 *
 * @example
 * programmeFigures("examples/programme.json").directorates[1].subtotal // CFS subtotal per FY, £
 */
export function programmeFigures(file: string, raw: unknown = readJsonFile(file)): ProgrammeFigures {
  if (!isObject(raw) || !Array.isArray(raw.fyLabels) || !Array.isArray(raw.directorates)) {
    throw new CliError(`${file}: is not a programme file (it needs fyLabels and directorates)`);
  }
  const fyLabels = raw.fyLabels.map(String);
  const n = fyLabels.length;
  const dir = path.dirname(file);
  const claims: Parameters<typeof overlapRegister>[0][number][] = [];
  const warnings: string[] = [];
  const groups = raw.directorates.map((d: unknown, di: number): ProgrammeFigureGroup => {
    if (!isObject(d) || typeof d.directorate !== "string" || !Array.isArray(d.rows)) {
      throw new CliError(`${file}: directorates[${di}]: needs a directorate name and rows`);
    }
    const directorate = d.directorate;
    const rows = d.rows.map((r: unknown, ri: number): ProgrammeFigureRow => {
      const at = `directorates[${di}].rows[${ri}]`;
      if (!isObject(r) || typeof r.opportunity !== "string")
        throw new CliError(`${file}: ${at}: needs an opportunity name`);
      const published = millions(r.publishedMillions, `${file}: ${at}.publishedMillions`, n) ?? [];
      if (typeof r.example !== "string") {
        if (published.length === 0) throw new CliError(`${file}: ${at}: a typed row needs publishedMillions`);
        return { opportunity: r.opportunity, directorate, source: "typed", amounts: published, published };
      }
      const m = modelForProgramme(readJsonFile(path.join(dir, r.example)));
      for (const w of m.warnings) warnings.push(`${r.example}: ${w.message}`);
      claims.push(...proposalClaims(r.opportunity, m.lines, m.cohortKeys, m.existingMtfsLines));
      const amounts = fyLabels.map((fy) => m.lines.years.find((y) => y.label === fy)?.mtfsImpact ?? null);
      return {
        opportunity: r.opportunity,
        directorate,
        source: "modelled",
        example: r.example,
        amounts,
        published,
      };
    });
    const [subtotal] = directorateSubtotals(
      rows.map((row) => ({ directorate, opportunity: row.opportunity, amounts: filled(row.amounts) })),
    );
    const publishedSubtotal = millions(d.publishedSubtotalMillions, `${file}: directorates[${di}]`, n);
    return {
      directorate,
      subtotalLabel: typeof d.subtotalLabel === "string" ? d.subtotalLabel : `${directorate} subtotal`,
      rows,
      subtotal: subtotal?.amounts ?? fyLabels.map(() => ZERO),
      ...(publishedSubtotal ? { publishedSubtotal: filled(publishedSubtotal) } : {}),
    };
  });
  const all = groups.flatMap((g) =>
    g.rows.map((r) => ({
      directorate: g.directorate,
      opportunity: r.opportunity,
      amounts: filled(r.amounts),
    })),
  );
  const publishedTotal = millions(raw.publishedTotalMillions, `${file}: publishedTotalMillions`, n);
  return {
    title: typeof raw.title === "string" ? raw.title : "MTFS programme",
    fyLabels,
    mtfsYears: typeof raw.mtfsYears === "number" ? raw.mtfsYears : n,
    directorates: groups,
    total: all.length === 0 ? fyLabels.map(() => ZERO) : programmeTotal(all),
    ...(publishedTotal ? { publishedTotal: filled(publishedTotal) } : {}),
    overlaps: overlapRegister(claims),
    warnings,
  };
}

/**
 * The overlap register of proposals given as JSON (a workbook's register, say), each under its name; a
 * proposal the engine refuses is left out (its own error is reported where it is read).
 *
 * @example
 * overlapsOf([{ name: "FBP", raw: fbp }, { name: "CftF", raw: cftf }]) // flags on shared cohort keys / MTFS refs
 */
export function overlapsOf(
  proposals: readonly { readonly name: string; readonly raw: unknown }[],
): OverlapFlag[] {
  const claims = proposals.flatMap(({ name, raw }) => {
    try {
      const m = modelForProgramme(raw);
      return proposalClaims(name, m.lines, m.cohortKeys, m.existingMtfsLines);
    } catch (e) {
      if (isEngineError(e)) return [];
      throw e;
    }
  });
  return overlapRegister(claims);
}
