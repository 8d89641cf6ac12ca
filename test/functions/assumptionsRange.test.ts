import * as fs from "fs";
import * as path from "path";
import { callMtfs, errorOf } from "./register";
import { ASSUMPTION_LABELS, assumptionsFromRange } from "../../src/functions/assumptionsRange";
import { computeProfile, parseProposal, toPounds } from "../../src/engine";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { CFS_RANGE } from "./fixtures/cfsRange";

const normalise = (l: string): string =>
  l
    .toLowerCase()
    .replace(/\([^)]*\)/g, "")
    .replace(/[^a-z0-9%]/g, "");

describe("assumptionsFromRange", () => {
  it("gives every plain-English label exactly one meaning", () => {
    const seen = new Map<string, string>();
    for (const [p, labels] of Object.entries(ASSUMPTION_LABELS)) {
      for (const l of labels) {
        expect([l, seen.get(normalise(l)) ?? p]).toEqual([l, p]);
        seen.set(normalise(l), p);
      }
    }
  });

  it("builds the contract's assumptions object, reading dates, kinds and numbered investments", () => {
    const { raw } = assumptionsFromRange([
      ["Assumption", "Value", "Notes"],
      ["Target count per year", 10, "stated in the proposal"],
      ["Start date", 46235],
      ["Investment 1: amountPerYear", 500000],
      ["Investment 2: kind", "oneOff"],
      ["investment[1].amount", 20000],
      ["Overlap with existing MTFS lines (£ per year)", 100000],
      ["Horizon", "FY26/27 to FY30/31"],
      ["Growth", ""],
    ]);
    expect(raw).toEqual({
      target: { kind: "countPerYear", value: 10 },
      timeline: { startDate: "2026-08-01" },
      investment: [
        { kind: "ongoing", label: "Ongoing investment", amountPerYear: 500000, fromDate: "2026-08-01" },
        { kind: "oneOff", amount: 20000 },
      ],
      mtfsOverlap: { kind: "amountPerYear", amountPerYear: 100000 },
      horizon: { firstFy: "FY26/27", lastFy: "FY30/31" },
    });
  });

  it("reads labels above values as well as beside them", () => {
    const across = assumptionsFromRange([
      ["Baseline", "Target %", "Duration"],
      [260, 0.08, 153.1],
    ]).raw;
    expect(across).toEqual({
      baseline: { volumePerYear: 260 },
      target: { kind: "percent", value: 0.08 },
      durationWeeks: 153.1,
    });
  });

  it("skips notes it does not know, since prose never changes a figure", () => {
    expect(
      assumptionsFromRange([
        ["Pilot note", "four months, as FFPP"],
        ["Timeline note", "x"],
        ["Pilot", 4],
      ]).raw,
    ).toEqual({
      timeline: { note: "x", pilotMonths: 4 },
    });
  });

  it("rejects an unknown or repeated label, naming the row", () => {
    expect(() => assumptionsFromRange([["Weekly cots", 1]])).toThrow(/row 1/);
    expect(() =>
      assumptionsFromRange([
        ["Weekly cost", 1],
        ["Unit cost", 2],
      ]),
    ).toThrow(/repeats unitCost.weeklyCost/);
  });
});

describe("assumptionsFromRange with empty cells passed as 0", () => {
  it("skips a spacer row [0, 0] and a 0 where a date, FY, option or text belongs", () => {
    const plain = assumptionsFromRange([
      ["Baseline", 260],
      ["Start date", 46235],
    ]).raw;
    const withZeros = assumptionsFromRange([
      ["Baseline", 260],
      [0, 0],
      ["Start date", 46235],
      ["Ramp", 0],
      ["Price base FY", 0],
      ["Investment from", 0],
      ["Horizon", 0],
      ["Timeline note", 0],
      [0, 0],
    ]).raw;
    expect(withZeros).toEqual(plain);
  });

  it("keeps a 0 where a number belongs", () => {
    expect(assumptionsFromRange([["Growth", 0]]).raw).toEqual({ baseline: { growthPerYear: 0 } });
  });

  it("gives the same profile for the worked range with spacer rows as without", () => {
    const spaced = CFS_RANGE.flatMap((row, i) => (i % 4 === 3 ? [row, [0, 0]] : [row]));
    expect(callMtfs("BENEFIT.PROFILE", spaced)).toEqual(callMtfs("BENEFIT.PROFILE", CFS_RANGE));
  });
});

describe("assumptionsFromRange over large or hostile ranges", () => {
  it("reads a whole-column range (A:B, a million rows) as its used rows", () => {
    const column = [
      ...CFS_RANGE,
      ...Array.from({ length: 1_048_576 - CFS_RANGE.length }, () => [null, null]),
    ];
    expect(callMtfs("QUANTIFIED", column)).toEqual(callMtfs("QUANTIFIED", CFS_RANGE));
  });

  it("bounds the list index a label may name", () => {
    expect(assumptionsFromRange([["investment[99].amountPerYear", 5]]).raw.investment).toHaveLength(100);
    const e = errorOf(callMtfs("QUANTIFIED", [...CFS_RANGE, ["investment[100000000].amountPerYear", 5]]));
    expect([e?.code, e?.message]).toEqual([
      "#VALUE!",
      'assumptions row 16: "investment[100000000].amountPerYear" names list index 100000000, must be at most 99',
    ]);
    expect(() => assumptionsFromRange([["Investment 101: amountPerYear", 5]])).toThrow(/must be at most 99/);
  });

  it("refuses a 32,767-character label of brackets as a label, not by rescanning it", () => {
    const e = errorOf(callMtfs("QUANTIFIED", [["(".repeat(32767), 1]]));
    expect(e?.message).toMatch(/^assumptions row 1: "\(+…" is not an assumption label$/);
  });

  it('reads the horizon as text "first to last"', () => {
    expect(assumptionsFromRange([["Horizon", "FY 26/27  TO  FY30/31"]]).raw).toEqual({
      horizon: { firstFy: "FY 26/27", lastFy: "FY30/31" },
    });
  });
});

describe("MTFS.BENEFIT.PROFILE over a proposal sheet written by the workbook layer", () => {
  // Every bundled proposal: the FBP sheet has stated dates ("Design phase ends (YYYY-MM-DD)"), ITT list rows.
  it.each([
    "cfs-targeted-prevention.json",
    "family-based-placements.json",
    "independent-travel-training.json",
  ])(
    "reads the %s sheet's assumptions block (labels in A, values in B) and equals the engine to the penny",
    (example) => {
      const file = path.join(__dirname, "..", "..", "examples", example);
      const proposal = JSON.parse(fs.readFileSync(file, "utf8"));
      const profile = computeProfile(parseProposal(proposal).assumptions.cohort!);
      const layout = proposalSheetLayout({
        sheet: "Proposal",
        proposal,
        fyLabels: profile.years.map((y) => y.label),
      });
      // The block: every row whose B cell is an assumption input, plus the Horizon row.
      const byAddress = new Map(layout.cells.map((c) => [c.address, c]));
      const rows: unknown[][] = [];
      for (const c of layout.cells) {
        const row = /^B(\d+)$/.exec(c.address)?.[1];
        const a = row ? byAddress.get(`A${row}`) : undefined;
        if (!row || a?.kind !== "label") continue;
        const isAssumption = c.kind === "input" && c.path.startsWith("assumptions.");
        const isHorizon = c.kind === "label" && /^horizon/i.test(a.text);
        if (isAssumption || isHorizon) rows.push([a.text, c.kind === "input" ? c.value : c.text]);
      }
      expect(rows.length).toBeGreaterThan(15);
      const out = callMtfs("BENEFIT.PROFILE", rows) as (string | number)[][];
      expect(errorOf(out)).toBeUndefined();
      expect(out[0].slice(1)).toEqual(profile.years.map((y) => y.label));
      expect(out[2].slice(1)).toEqual(profile.years.map((y) => toPounds(y.cumulative)));
    },
  );
});
