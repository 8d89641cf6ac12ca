import { Decimal, ZERO } from "./money";
import { existingLineInFy, type ExistingMtfsLine } from "./existingMtfs";
import { fyLabel } from "./fiscalYear";
import type { ProposalProfile } from "./proposalProfile";
import type { FyStartYear } from "./types";

/**
 * The programme's overlap register: the same cohort or the same saving claimed twice, across proposals (or
 * twice in one). Two claims overlap when
 * - two streams name the same `cohortKey` (e.g. "cla-residential": Family Based Placements and Commissioning for
 *   the Future both move children out of residential care), or
 * - two proposals list the same existing MTFS line (the same `ref`, e.g. "AC21"): a line added back twice is
 *   counted twice in Appendix A; deducted twice, it is taken off twice.
 * Keys match ignoring case and spacing. Each flag names both claims and, per FY, both amounts and the overlap: the
 * smaller of the two when they have the same sign (the most that can be counted twice), else 0.
 */

/** What a claim is about. */
export type OverlapBasis = "cohort" | "existingMtfsLine";

/** One proposal's claim on a cohort or an existing MTFS line, with its amount per FY (£). */
export interface OverlapClaim {
  readonly proposal: string;
  /** The stream's label, or the existing line's label. */
  readonly item: string;
  readonly basis: OverlapBasis;
  /** The cohort key or the MTFS ref, as written. */
  readonly key: string;
  readonly amounts: readonly { readonly fy: FyStartYear; readonly amount: Decimal }[];
  /** For an existing line: how the proposal counts it. */
  readonly treatment?: ExistingMtfsLine["treatment"];
}

/** One FY of a flag. */
export interface OverlapYear {
  readonly fy: FyStartYear;
  readonly label: string;
  readonly first: Decimal;
  readonly second: Decimal;
  /** The amount that may be counted twice: the smaller size when both have the same sign, else 0. */
  readonly overlap: Decimal;
}

/** The same cohort or saving claimed twice. */
export interface OverlapFlag {
  readonly basis: OverlapBasis;
  readonly key: string;
  readonly first: OverlapClaim;
  readonly second: OverlapClaim;
  readonly years: readonly OverlapYear[];
  /** Σ overlap over the FYs. */
  readonly total: Decimal;
}

/** A key as matched: trimmed, lower case, inner spaces collapsed. */
const normal = (key: string): string => key.trim().toLowerCase().replace(/\s+/g, " ");

function amountIn(claim: OverlapClaim, fy: FyStartYear): Decimal {
  return claim.amounts.find((a) => a.fy === fy)?.amount ?? ZERO;
}

function overlapOf(a: Decimal, b: Decimal): Decimal {
  if (a.isZero() || b.isZero() || a.isNegative() !== b.isNegative()) return ZERO;
  return a.isNegative() ? Decimal.max(a, b) : Decimal.min(a, b);
}

function flagOf(first: OverlapClaim, second: OverlapClaim): OverlapFlag {
  const fys = [...new Set([...first.amounts, ...second.amounts].map((a) => a.fy))].sort((x, y) => x - y);
  const years = fys.map((fy): OverlapYear => {
    const a = amountIn(first, fy);
    const b = amountIn(second, fy);
    return { fy, label: fyLabel(fy), first: a, second: b, overlap: overlapOf(a, b) };
  });
  return {
    basis: first.basis,
    key: first.key,
    first,
    second,
    years,
    total: years.reduce((s, y) => s.plus(y.overlap), ZERO),
  };
}

/**
 * Every pair of claims on the same key (same basis), in the order the claims are given. A proposal's own
 * claim is never paired with itself, but two streams of one proposal on one cohort are flagged.
 *
 * @example
 * overlapRegister([
 *   { proposal: "Family Based Placements", item: "Residential to foster", basis: "cohort", key: "cla-residential", amounts: [...] },
 *   { proposal: "Commissioning for the Future", item: "Residential step-down", basis: "cohort", key: "CLA-residential", amounts: [...] },
 * ]) // one flag: both claims, per FY both amounts and the overlap
 */
export function overlapRegister(claims: readonly OverlapClaim[]): OverlapFlag[] {
  const flags: OverlapFlag[] = [];
  claims.forEach((a, i) => {
    for (const b of claims.slice(i + 1)) {
      if (a.basis !== b.basis || normal(a.key) !== normal(b.key)) continue;
      if (a.proposal === b.proposal && a.item === b.item) continue;
      flags.push(flagOf(a, b));
    }
  });
  return flags;
}

/** A stream as the register reads it: its id and the cohort key it names (if any). */
export interface StreamCohortKey {
  readonly id: string;
  readonly cohortKey?: string;
}

/**
 * A proposal's claims: each stream that names a cohort key (its gross per FY, weighted, as the proposal counts it),
 * and each existing MTFS line with a ref (its stated amount per FY over the profile's FYs).
 *
 * @example
 * proposalClaims("Reablement", profile, [{ id: "reablement", cohortKey: "reablement-finishers" }], [ac21])
 * // [{ basis: "cohort", key: "reablement-finishers", ... }, { basis: "existingMtfsLine", key: "AC21", ... }]
 */
export function proposalClaims(
  proposal: string,
  profile: ProposalProfile,
  streams: readonly StreamCohortKey[],
  existingMtfsLines: readonly ExistingMtfsLine[] = [],
): OverlapClaim[] {
  const claims: OverlapClaim[] = [];
  for (const s of profile.streams) {
    const key = streams.find((k) => k.id === s.id)?.cohortKey;
    if (key === undefined || key.trim() === "") continue;
    claims.push({
      proposal,
      item: s.label,
      basis: "cohort",
      key,
      amounts: s.years.map((y) => ({ fy: y.fy, amount: y.gross })),
    });
  }
  for (const line of existingMtfsLines) {
    if (line.ref === undefined || line.ref.trim() === "") continue;
    claims.push({
      proposal,
      item: line.label,
      basis: "existingMtfsLine",
      key: line.ref,
      treatment: line.treatment,
      amounts: profile.years.map((y) => ({ fy: y.fy, amount: existingLineInFy(line, y.fy) })),
    });
  }
  return claims;
}
