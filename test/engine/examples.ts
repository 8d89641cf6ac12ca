import * as fs from "fs";
import * as path from "path";
import { parseProposal, type Proposal } from "../../src/engine";
import { computeAssumptions } from "../../src/engine/assumptions";
import type { ProposalProfile, ProposalYear } from "../../src/engine/proposalProfile";
import { fyLabel } from "../../src/engine/fiscalYear";
import { m, type GoldenRow } from "./streamGolden";

/** Helpers for the tests that run the bundled examples (examples/*.json) end to end. */

export const EXAMPLES_DIR = path.join(__dirname, "../../examples");

/** The parsed JSON of examples/<name>. */
export function readExample(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, name), "utf8"));
}

/** An example parsed and computed as every surface does: parseProposal, then computeAssumptions. */
export interface LoadedExample {
  readonly proposal: Proposal;
  readonly profile: ProposalProfile;
}

export function loadExample(name: string): LoadedExample {
  const proposal = parseProposal(readExample(name));
  return { proposal, profile: computeAssumptions(proposal.assumptions).proposal };
}

/** The profile's figure in one FY, £m. */
export function figure(
  p: ProposalProfile,
  fy: number,
  field: keyof Pick<ProposalYear, "cumulative" | "inYear" | "inflationContingency" | "mtfsImpact">,
): number {
  const y = p.years.find((r) => r.fy === fy);
  if (!y) throw new Error(`no ${fyLabel(fy)} in the profile`);
  return m(y[field]);
}

/**
 * One published figure: [FY start year, published £m, recorded gap £m (modelled − published) when the best
 * stated-input reading misses by more than the tolerance].
 */
export type Published = readonly [fy: number, published: number, recordedGapM?: number];

/** Golden rows for one field of one example, each with the example's own published figure checked too. */
export function goldenRows(
  p: ProposalProfile,
  field: Parameters<typeof figure>[2],
  source: string,
  rows: readonly Published[],
  toleranceM = 0.03,
): GoldenRow[] {
  return rows.map(([fy, published, recordedGapM]) => ({
    fy,
    published,
    modelled: figure(p, fy, field),
    toleranceM,
    source,
    ...(recordedGapM === undefined ? {} : { recordedGapM }),
  }));
}

/** The example's published cumulative figures (£m by FY), to check the test's figures are the file's. */
export function publishedCumulative(proposal: Proposal): ReadonlyMap<number, number> {
  return new Map((proposal.published?.cumulative ?? []).map((c) => [c.fy, m(c.amount)]));
}
