import { Decimal, directorateSubtotals, programmeTotal, type ProgrammeRow } from "../../src/engine";
import { expectGoldens } from "./streamGolden";
import {
  figure,
  goldenRows,
  loadExample,
  publishedCumulative,
  readExample,
  type LoadedExample,
  type Published,
} from "./examples";

/**
 * Golden figures of the Appendix B proposals (seeds/004) as the bundled examples state them, parsed with
 * parseProposal and computed with computeAssumptions, as the CLI, the sheet and the wizard do. Each figure has
 * its source line and tolerance: £0.03m where the proposal states every input the model needs; otherwise the
 * best stated-input reading's gap is pinned (±£0.005m, `recordedGapM`) and written up in docs/discrepancies.md.
 * The inputs and every inferred value are in the example files, with a note beside each inferred one.
 * `GOLDEN_PRINT=1 npx jest test/engine/examples.golden.test.ts` prints every figure and gap.
 * (CFS Targeted Prevention, Family Based Placements and Independent Travel Training: profile.golden.test.ts.)
 */

/** Checks the test's published figures are the ones in the example's own `published` block. */
function samePublished(x: LoadedExample, rows: readonly Published[]): void {
  it("states the same published cumulative figures as the example file", () => {
    const file = publishedCumulative(x.proposal);
    for (const [fy, published] of rows) expect([fy, file.get(fy)]).toEqual([fy, published]);
  });
}

describe("Procurement and Third Party Spend example", () => {
  const x = loadExample("procurement-and-third-party-spend.json");
  // Cumulative benefit (seeds/004 lines 1938–1941; FY30/31 Appendix A line 415, the same row). The stated shares
  // leave 5% of the benefit unassigned and the team cost's phasing is open: every year from FY27/28 misses.
  const cumulative: Published[] = [
    [2026, 0.09],
    [2027, 0.77, 0.1225],
    [2028, 1.47, -0.0628],
    [2029, 1.48, -0.0559],
    [2030, 1.48, -0.0559],
  ];
  samePublished(x, cumulative);
  expectGoldens(goldenRows(x.profile, "cumulative", "seeds/004 lines 1938–1941, 415", cumulative));
  expectGoldens(goldenRows(x.profile, "mtfsImpact", "seeds/004 line 415 (Appendix A)", cumulative));
});

describe("Income Maximisation example", () => {
  const x = loadExample("income-maximisation.json");
  // Cumulative benefit, lines 1399–1402 (£k). Every line is stated: £0.03m. FY26/27 is within it (+£0.026m).
  const cumulative: Published[] = [
    [2026, 0.0576],
    [2027, 0.2506],
    [2028, 0.2508],
    [2029, 0.2509],
  ];
  samePublished(x, cumulative);
  expectGoldens(goldenRows(x.profile, "cumulative", "seeds/004 lines 1399–1402", cumulative));
  // Appendix A's row (line 416) is not the proposal's own profile: about £0.14m a year more than every line.
  expectGoldens(
    goldenRows(x.profile, "mtfsImpact", "seeds/004 line 416 (Appendix A)", [
      [2026, 0.2, -0.1161],
      [2027, 0.39, -0.1391],
      [2028, 0.39, -0.1391],
      [2029, 0.39, -0.1391],
      [2030, 0.39, -0.1391],
    ]),
  );
});

describe("Adults Commissioning for the Future example", () => {
  const x = loadExample("adults-commissioning-for-the-future.json");
  // Lease income, lines 788–791 and Appendix A line 406 (the same row). The surplus is stated as a range (the
  // lower bound is the reading) and the published figures rise after full capacity with no stated uplift.
  const cumulative: Published[] = [
    [2026, 0],
    [2027, 0],
    [2028, 1.43, -0.0533],
    [2029, 1.59, -0.09],
    [2030, 1.64, -0.14],
  ];
  samePublished(x, cumulative);
  expectGoldens(goldenRows(x.profile, "cumulative", "seeds/004 lines 788–791, 406", cumulative));
  expectGoldens(goldenRows(x.profile, "mtfsImpact", "seeds/004 line 406 (Appendix A)", cumulative));
});

describe("CFS – Commissioning for the Future example", () => {
  const x = loadExample("cfs-commissioning-for-the-future.json");
  // Cumulative benefit, lines 921–924 and Appendix A line 410 for FY30/31. FY26/27's −£0.21m has no stated
  // cost behind it; the later years sit £0.04m–£0.06m below (the stated caseload and costs).
  const cumulative: Published[] = [
    [2026, -0.21, 0.21],
    [2027, -0.28],
    [2028, 0.74, -0.0418],
    [2029, 1.03, -0.0611],
    [2030, 1.06, -0.052],
  ];
  samePublished(x, cumulative);
  expectGoldens(goldenRows(x.profile, "cumulative", "seeds/004 lines 921–924, 410", cumulative));
  // Appendix A (line 410) prints FY27/28 as −0.31 against the proposal's own −0.28.
  expectGoldens(
    goldenRows(x.profile, "mtfsImpact", "seeds/004 line 410 (Appendix A)", [
      [2026, -0.21, 0.21],
      [2027, -0.31, 0.0303],
      [2028, 0.74, -0.0418],
      [2029, 1.03, -0.0611],
      [2030, 1.06, -0.052],
    ]),
  );
});

describe("Resident Focused Organisation example", () => {
  const x = loadExample("resident-focused-organisation.json");
  // No profile table: Appendix A's row (line 417) and "£8m over the MTFS" (line 2043). The FY26/27 partial
  // saving is inferred (£8m − 3 × £2.5m), so FY26/27 and FY29/30 check the reading, not the model.
  const cumulative: Published[] = [
    [2026, 0.5],
    [2027, 3.0],
    [2028, 5.5],
    [2029, 8.0],
    [2030, 8.0],
  ];
  samePublished(x, cumulative);
  expectGoldens(
    goldenRows(x.profile, "mtfsImpact", "seeds/004 line 417 (Appendix A), line 2043", cumulative),
  );
});

describe("Maximising Independence for Working Age Adults example", () => {
  const x = loadExample("maximising-independence-for-working-age-adults.json");
  // Net benefit, lines 1761–1764; FY31/32 (line 1636) is the run rate the weekly saving is inferred from, so
  // it checks the reading. The stated 52-week review cycle brings the saving about a year earlier.
  const cumulative: Published[] = [
    [2026, -0.02, -0.1283],
    [2027, -0.44, -0.0809],
    [2028, 0.09, 0.7404],
    [2029, 0.78, 0.2308],
  ];
  samePublished(x, cumulative);
  expectGoldens(goldenRows(x.profile, "cumulative", "seeds/004 lines 1761–1764", cumulative));
  expectGoldens(
    goldenRows(x.profile, "cumulative", "seeds/004 line 1636 (run rate: the reading)", [[2031, 0.99]]),
  );
  // Inflation contingency (in brackets), lines 1763–1764 and 1636.
  expectGoldens(
    goldenRows(x.profile, "inflationContingency", "seeds/004 lines 1763–1764, 1636", [
      [2028, 0.13, 0.0962],
      [2029, 0.26, 0.0834],
      [2031, 0.53],
    ]),
  );
  // Appendix A's row (line 404) = net + contingency; its FY28/29 0.14 is a misprint (0.09 + 0.13 = 0.22).
  expectGoldens(
    goldenRows(x.profile, "mtfsImpact", "seeds/004 line 404 (Appendix A)", [
      [2026, -0.02, -0.1283],
      [2027, -0.44, -0.0457],
      [2028, 0.14, 0.9166],
      [2029, 1.04, 0.3141],
      [2030, 1.37, 0.0732],
    ]),
  );
  it("settles in FY29/30, two years before the proposal's stated full run rate (FY31/32)", () => {
    // The stated 52-week review cycle has every eligible package reduced within a year of full implementation
    // (May 2028); nothing stated changes after FY29/30 but the steady growth and inflation (docs/discrepancies.md).
    expect(x.profile.fullRunRate.label).toBe("FY29/30");
  });
});

describe("Reablement example", () => {
  const x = loadExample("reablement.json");
  // A&C budget opportunity, lines 2019–2023; the run-rate years check the inferred weekly saving. FY27/28:
  // the stated recruitment puts the capacity in post by May 2027.
  const cumulative: Published[] = [
    [2026, 0],
    [2027, 1.01, 0.956],
    [2028, 2.6, 0.05],
    [2029, 2.65],
    [2030, 2.65],
  ];
  samePublished(x, cumulative);
  expectGoldens(goldenRows(x.profile, "cumulative", "seeds/004 lines 2019–2023", cumulative));
  // Inflation contingency (in brackets), lines 2019–2023: 4% a year on the gross from FY25/26 prices.
  expectGoldens(
    goldenRows(x.profile, "inflationContingency", "seeds/004 lines 2019–2023", [
      [2026, 0],
      [2027, 0.17, 0.072],
      [2028, 0.47],
      [2029, 0.72, -0.1],
      [2030, 0.85, -0.06],
    ]),
  );
  // Appendix A's row (line 402) = A&C figure + contingency + AC21 (£1.00m) added back.
  expectGoldens(
    goldenRows(x.profile, "mtfsImpact", "seeds/004 line 402 (Appendix A)", [
      [2026, 1.0],
      [2027, 2.18, 1.028],
      [2028, 4.07, 0.0355],
      [2029, 4.38, -0.11],
      [2030, 4.51, -0.0692],
    ]),
  );
});

describe("Reunification example", () => {
  const x = loadExample("reunification.json");
  // Cumulative benefit, lines 2274–2277, and Appendix A line 409 for FY30/31. The unit cost and the stay are
  // not stated (inferred from CFS Targeted Prevention), so every figure is a recorded gap or within £0.03m.
  const cumulative: Published[] = [
    [2026, 0],
    [2027, 0.24],
    [2028, 0.78, -0.2276],
    [2029, 1.01, -0.1087],
    [2030, 1.17, -0.1307],
  ];
  samePublished(x, cumulative);
  expectGoldens(goldenRows(x.profile, "cumulative", "seeds/004 lines 2274–2277, 409", cumulative));
  expectGoldens(goldenRows(x.profile, "mtfsImpact", "seeds/004 line 409 (Appendix A)", cumulative));
});

/** The part of examples/programme.json these checks read. */
interface ProgrammeJson {
  readonly directorates: readonly {
    readonly directorate: string;
    readonly subtotalLabel: string;
    readonly publishedSubtotalMillions: readonly number[];
    readonly rows: readonly {
      readonly opportunity: string;
      readonly publishedMillions: readonly (number | null)[];
      readonly example?: string;
    }[];
  }[];
  readonly publishedTotalMillions: readonly number[];
}

/**
 * Appendix A's subtotals and total (lines 407, 412, 414, 418, 419) from the modelled rows (each example's MTFS
 * row) and the two typed rows whose proposals are withheld. Tolerance: the printed subtotal's 1-dp rounding
 * (0.05) plus each printed row's 2-dp rounding (0.005 a row), as in programme.test.ts. Where the modelled rows'
 * recorded gaps add up to more, the subtotal's gap is pinned: the sum of its rows' gaps, plus the printed
 * rounding (and the CFS FY28/29 misprint, 1.7 for 1.78).
 */
describe("Appendix A subtotals and total from the modelled rows", () => {
  const config = readExample("programme.json") as ProgrammeJson;
  const fys = [2026, 2027, 2028, 2029, 2030];
  const rows: ProgrammeRow[] = config.directorates.flatMap((d) =>
    d.rows.map((r) => ({
      directorate: d.directorate,
      opportunity: r.opportunity,
      amounts: r.example
        ? fys.map((fy) => new Decimal(figure(loadExample(r.example!).profile, fy, "mtfsImpact")))
        : r.publishedMillions.map((a) => new Decimal(a ?? 0)),
    })),
  );
  const tolerance = (n: number): number => 0.05 + 0.005 * n + 1e-9;

  it("models every row but the two withheld proposals", () => {
    const typed = config.directorates.flatMap((d) =>
      d.rows.filter((r) => !r.example).map((r) => r.opportunity),
    );
    expect(typed).toEqual(["Independence Outside of Residential Care", "Targeted Prevention"]);
  });

  // Pinned where the rows' recorded gaps add up to more than the rounding (docs/discrepancies.md): Adults
  // carries Reablement's and Maximising Independence's, CFS Reunification's and CFS CftF's (and its FY28/29
  // misprint), E&T ITT's £0.06m tolerance, Cross-Council Income Maximisation's and Procurement's.
  const subtotalGaps: Record<string, readonly (number | undefined)[]> = {
    "Adults & Communities": [undefined, 1.0123, 0.9389, 0.1342, -0.1361],
    "Children and Family Services": [0.1701, 0.0707, -0.2459, -0.142, -0.1792],
    "Environment & Transport": [undefined, undefined, undefined, 0.0661, -0.0828],
    "Cross-Council": [-0.1374, undefined, -0.2418, -0.2249, -0.2249],
  };
  const subtotals = directorateSubtotals(rows);
  subtotals.forEach((s) => {
    const d = config.directorates.find((x) => x.directorate === s.directorate)!;
    describe(d.subtotalLabel, () =>
      expectGoldens(
        fys.map((fy, c) => ({
          fy,
          published: d.publishedSubtotalMillions[c],
          modelled: s.amounts[c].toNumber(),
          toleranceM: tolerance(s.rowCount),
          source: `seeds/004 Appendix A, ${d.subtotalLabel}`,
          ...(subtotalGaps[s.directorate][c] === undefined
            ? {}
            : { recordedGapM: subtotalGaps[s.directorate][c] }),
        })),
      ),
    );
  });

  const totalGaps: readonly (number | undefined)[] = [undefined, 1.0552, 0.3869, -0.2666, -0.5231];
  const total = programmeTotal(rows);
  describe("Total ER Savings", () =>
    expectGoldens(
      fys.map((fy, c) => ({
        fy,
        published: config.publishedTotalMillions[c],
        modelled: total[c].toNumber(),
        toleranceM: tolerance(rows.length),
        source: "seeds/004 line 419 (Appendix A)",
        ...(totalGaps[c] === undefined ? {} : { recordedGapM: totalGaps[c] }),
      })),
    ));
});
