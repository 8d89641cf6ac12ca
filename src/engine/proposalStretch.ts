import { computeAssumptions, type ProposalAssumptions } from "./assumptions";
import type { Decimal } from "./money";

/**
 * A proposal's stretch (scrutiny report paragraph 22): the same model with the stretch target in place of the
 * target. A scenario changes inputs, never formulas, so the stretch profile is computeAssumptions of them.
 */

/**
 * The assumptions with the stated stretch targets in place of the targets: the single-cohort form's
 * `stretch`, or each cohort stream's own (`streams[i].stretch`; a stream without one keeps its target);
 * undefined when none is stated.
 *
 * @example
 * stretchedAssumptions(parseProposal(json).assumptions)?.streams[0] // the cohort stream, target = the stretch
 */
export function stretchedAssumptions(a: ProposalAssumptions): ProposalAssumptions | undefined {
  const own = a.stretch;
  if (own === undefined && !a.streams.some((s) => s.kind === "cohort" && s.stretch !== undefined))
    return undefined;
  const { stretch: _stretch, ...rest } = a;
  return {
    ...rest,
    streams: a.streams.map((s) => {
      if (s.kind !== "cohort") return s;
      const { stretch, ...stream } = s;
      const target = own?.target ?? stretch?.target;
      return target === undefined ? stream : { ...stream, target };
    }),
    ...(a.cohort === undefined || own === undefined ? {} : { cohort: { ...a.cohort, target: own.target } }),
  };
}

/** A proposal's stretch scenario per profile year: its MTFS row and what it adds to the confident one. */
export interface StretchRows {
  /** The MTFS row with the stretch targets (the "with stretch" figure). */
  readonly stretched: readonly Decimal[];
  /** stretched − confident: the stretch's extra MTFS row (what `calc scenarios` adds for the proposal). */
  readonly uplift: readonly Decimal[];
}

/**
 * The stretch scenario's MTFS row and its uplift per profile year; undefined when no stretch is stated. The one
 * place the stretched row is computed: the wizard shows `stretched`, the programme adds `uplift`.
 *
 * @example
 * proposalStretchRows(parseProposal(withStretch).assumptions)?.stretched.map(String) // ["-500000", ...]
 */
export function proposalStretchRows(a: ProposalAssumptions): StretchRows | undefined {
  const stretched = stretchedAssumptions(a);
  if (stretched === undefined) return undefined;
  const confident = computeAssumptions(a).profile.years;
  const rows = computeAssumptions(stretched).profile.years.map((y) => y.mtfsImpact);
  return { stretched: rows, uplift: rows.map((x, i) => x.minus(confident[i].mtfsImpact)) };
}

/**
 * The stretch's extra MTFS row per profile year (stretch − confident); undefined when no stretch is stated.
 *
 * @example
 * proposalStretch(parseProposal(withStretch).assumptions)?.map(String) // ["0", "120000", ...]
 */
export function proposalStretch(a: ProposalAssumptions): Decimal[] | undefined {
  const rows = proposalStretchRows(a);
  return rows === undefined ? undefined : [...rows.uplift];
}
