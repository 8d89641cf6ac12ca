import * as fs from "fs";
import * as path from "path";
import {
  Decimal,
  cohortStream,
  computeProfile,
  computeProposalProfile,
  parseProposal,
  type ProfileInput,
  type ProposalProfileInput,
  type StreamProfile,
} from "../../../src/engine";
import { profileTable } from "../../../src/cli/render/profile";
import { hasBreakdown, streamLinesJson, streamLinesTable } from "../../../src/cli/render/streamLines";

const raw: unknown = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../../../examples/cfs-targeted-prevention.json"), "utf8"),
);
const proposal = parseProposal(raw);
const a: ProfileInput = proposal.assumptions.cohort!;

function proposalOf(streams: StreamProfile[], extra: Partial<ProposalProfileInput> = {}) {
  return computeProposalProfile({
    streams,
    investment: a.investment,
    mtfsOverlap: a.mtfsOverlap,
    inflationContingency: { heldCentrally: false, base: "gross" },
    prices: { inflationPerYear: a.unitCost.inflationPerYear, priceBaseFy: a.unitCost.priceBaseFy },
    horizon: a.horizon,
    ...extra,
  });
}

describe("CLI stream lines", () => {
  const cyp = cohortStream({ ...a, id: "cyp", label: "CYP kept out of care", unit: "children" }, a.horizon);

  it("leaves the single-stream profile table exactly as it was", () => {
    const single = proposalOf([cyp]);
    expect(hasBreakdown(single)).toBe(false);
    const today = profileTable(proposal, computeProfile(a));
    expect(profileTable(proposal, computeProfile(a), single)).toBe(today);
    // The new result prints the same table on its own.
    expect(profileTable(proposal, single)).toBe(today);
  });

  it("prints each stream's lines and measures, the costs, the total and the MTFS row", () => {
    const later = cohortStream(
      {
        ...a,
        id: "later",
        label: "Second cohort",
        unit: "children",
        timeline: { ...a.timeline, startDate: "2027-08-01" },
        confidenceWeighting: new Decimal(0.5),
      },
      a.horizon,
    );
    const p = proposalOf([cyp, later], {
      existingMtfsLines: [
        {
          ref: "AC21",
          label: "Reablement capacity",
          amountPerYear: new Decimal(1e6),
          firstFy: 2026,
          treatment: "addedBack",
        },
      ],
    });
    const out = profileTable(proposal, p, p);
    const table = streamLinesTable(p);
    expect(out.endsWith(table)).toBe(true);
    const line = (start: string): string[] => {
      const row = table.split("\n").find((l) => l.startsWith(start));
      if (row === undefined) throw new Error(`no row ${start}`);
      return row.trim().split(/\s+/).slice(-6); // the six FY columns
    };
    expect(line("CYP kept out of care (gross)")[5]).toMatch(/^£\d\.\d\dm$/);
    // Under £50 a figure reads "-" (present.ts formatMoney, the one money rule).
    expect(line("Second cohort (gross × 50%)")[0]).toBe("-");
    expect(line("  Caseload reduction (children)")[5]).toBe("61.0");
    expect(line("Cost: FFPP")[1]).toBe("-£1.50m");
    expect(line("Added back: AC21 Reablement capacity")).toEqual(Array(6).fill("£1.00m"));
    // The total is the sum of the lines: FY31/32 net = both grosses − £1.5m − the £0.39m overlap.
    const fy = p.years[5];
    expect(line("Net benefit (cumulative)")[5]).toBe(`£${fy.cumulative.div(1e6).toFixed(2)}m`);
    expect(line("MTFS row")[5]).toBe(`£${fy.cumulative.plus(1e6).div(1e6).toFixed(2)}m`);
  });

  it("writes a target weighting as evidence × weighting = product", () => {
    const s = cohortStream(
      {
        ...a,
        label: "Avoidable care",
        target: { kind: "percent", value: new Decimal(0.4) },
        targetWeighting: new Decimal(0.5),
      },
      a.horizon,
    );
    expect(streamLinesTable(proposalOf([s]))).toContain(
      "Avoidable care: target 40% × 50% confidence weighting = 20%",
    );
    const count = cohortStream(
      {
        ...a,
        label: "Trained",
        unit: "CYP",
        target: { kind: "countPerYear", value: new Decimal(10) },
        targetWeighting: new Decimal(0.8),
      },
      a.horizon,
    );
    expect(streamLinesTable(proposalOf([count], { confidenceWeighting: new Decimal(0.9) }))).toContain(
      "Trained: target 10 CYP a year × 80% confidence weighting = 8 CYP a year\nProposal confidence weighting: 90% of every stream's gross",
    );
  });

  it("gives the same lines as JSON, in £, with what settles the run rate", () => {
    const p = proposalOf([cyp]);
    const json = streamLinesJson(p) as {
      streams: {
        id: string;
        years: { gross: number; measures: Record<string, { value: number; unit: string }> }[];
      }[];
      years: { cumulative: number }[];
      fullRunRate: { fy: string; settledBy: string };
    };
    expect(json.streams[0].id).toBe("cyp");
    expect(json.streams[0].years[5].measures.caseloadReduction.unit).toBe("children");
    expect(json.streams[0].years[5].gross).toBe(p.streams[0].years[5].gross.toDecimalPlaces(2).toNumber());
    expect(json.years[5].cumulative).toBe(p.years[5].cumulative.toDecimalPlaces(2).toNumber());
    expect(json.fullRunRate).toMatchObject({ fy: "FY31/32", settledBy: "CYP kept out of care" });
  });
});
