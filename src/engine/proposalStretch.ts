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
