import { computeAssumptions, type ProposalAssumptions } from "./assumptions";
import type { Decimal } from "./money";

/**
 * A proposal's stretch (scrutiny report paragraph 22): the same model with the stretch target in place of the
 * target. A scenario changes inputs, never formulas, so the stretch profile is computeAssumptions of them.
 */

/**
 * The assumptions with the stated stretch target in place of the target; undefined when none is stated.
 *
 * @example
 * stretchedAssumptions(parseProposal(json).assumptions)?.streams[0] // the cohort stream, target = the stretch
 */
export function stretchedAssumptions(a: ProposalAssumptions): ProposalAssumptions | undefined {
  if (a.stretch === undefined) return undefined;
  const target = a.stretch.target;
  const { stretch: _stretch, ...rest } = a;
  return {
    ...rest,
    streams: a.streams.map((s) => (s.kind === "cohort" ? { ...s, target } : s)),
    ...(a.cohort === undefined ? {} : { cohort: { ...a.cohort, target } }),
  };
}

/**
 * The stretch's extra MTFS row per profile year (stretch − confident); undefined when no stretch is stated.
 *
 * @example
 * proposalStretch(parseProposal(withStretch).assumptions)?.map(String) // ["0", "120000", ...]
 */
export function proposalStretch(a: ProposalAssumptions): Decimal[] | undefined {
  const stretched = stretchedAssumptions(a);
  if (stretched === undefined) return undefined;
  const confident = computeAssumptions(a).profile.years;
  return computeAssumptions(stretched).profile.years.map((y, i) =>
    y.mtfsImpact.minus(confident[i].mtfsImpact),
  );
}
