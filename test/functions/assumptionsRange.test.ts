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

describe("assumptionsFromRange reads the sheet's captions in words (issue 13)", () => {
  it("reads every caption of the engine's caption table as its own field", async () => {
    const { CAPTIONS } = await import("../../src/engine");
    for (const [key, c] of Object.entries(CAPTIONS)) {
      if (key.includes("[]") || /^(kind|id|label)$/.test(key)) continue;
      const { labelOf } = assumptionsFromRange([[c.label, "x"]]);
      expect([c.label, [...labelOf.keys()]]).toEqual([c.label, [key]]);
    }
  });

  it("reads numbered list items by their captions and JSON keys, nested lists too", async () => {
    const { numberedPath } = await import("../../src/functions/assumptionsRange");
    expect(numberedPath("Investment 2: amount a year")).toBe("investment[1].amountPerYear");
    expect(numberedPath("Investment 1: amountPerYear")).toBe("investment[0].amountPerYear");
    expect(numberedPath("Unit cost part 2: share of the cases")).toBe("unitCost.components[1].share");
    expect(numberedPath("Category 1, ramp point 2: date")).toBe("categories[0].ramp.points[1].date");
    expect(numberedPath("Investment 1: amount in FY27/28")).toBe("investment[0].amountsByFy.FY27/28");
    expect(numberedPath("Investment 0: amount a year")).toBeUndefined();
  });

  it("takes a dropdown's words back to the code, and an explicit target kind over the one a label implies", () => {
    const { raw } = assumptionsFromRange([
      ["Target", 12],
      ["Target counted as", "a number a year"],
      ["Lever", "Leave early (exit)"],
      ["How the impact builds", "at once (immediate)"],
    ]);
    expect(raw).toEqual({
      target: { kind: "countPerYear", value: 12 },
      lever: "exit",
      timeline: { ramp: "immediate" },
    });
  });

  it("starts a stream at a 'Stream N — label (kind)' row; proposal lines go to the whole proposal", () => {
    const { raw, labelOf } = assumptionsFromRange([
      ["Assumption", "Value", "Unit", "Note"],
      ["Stream 1 — Falls (cohort)", "falls"],
      ["Baseline volume", 400],
      ["Average duration", 52],
      ["Stream: Cognitive decline (cohort)", null],
      ["Average duration", 104],
      ["Investment 1: amount a year", 1000],
      ["Confidence weighting", 0.8],
      ["Whole proposal: costs, existing MTFS lines, overlap and weighting", null],
      ["Confidence weighting", 0.5],
    ]);
    expect(raw).toEqual({
      streams: [
        { kind: "cohort", id: "falls", label: "Falls", baseline: { volumePerYear: 400 }, durationWeeks: 52 },
        {
          kind: "cohort",
          id: "cognitive-decline",
          label: "Cognitive decline",
          durationWeeks: 104,
          confidenceWeighting: 0.8,
        },
      ],
      investment: [{ kind: "ongoing", label: "Ongoing investment", amountPerYear: 1000 }],
      confidenceWeighting: 0.5,
    });
    expect(labelOf.get("streams[1].durationWeeks")).toBe('"Average duration" (row 6)');
  });
});

describe("MTFS.BENEFIT.PROFILE over the assumptions table in words (issue 13)", () => {
  /** The sheet's cells A:D from the "Horizon" row to the last assumption row, as Excel passes the range. */
  function blockRange(layout: ReturnType<typeof proposalSheetLayout>): unknown[][] {
    const row = (a: string): number => Number(/\d+$/.exec(a)?.[0]);
    const horizon = layout.cells.find((c) => c.kind === "label" && /^Horizon/.test(c.text))!;
    const inputs = layout.cells.filter((c) => c.kind === "input" && c.path.startsWith("assumptions."));
    const last = Math.max(...inputs.map((c) => row(c.address)));
    const value = (c: (typeof layout.cells)[number] | undefined): unknown =>
      c === undefined ? null : c.kind === "label" ? c.text : c.value;
    const at = new Map(layout.cells.map((c) => [c.address, c]));
    const out: unknown[][] = [];
    for (let r = row(horizon.address); r <= last; r++)
      out.push(["A", "B", "C", "D"].map((col) => value(at.get(`${col}${r}`))));
    return out;
  }

  it.each([
    "cfs-targeted-prevention.json",
    "family-based-placements.json",
    "independent-travel-training.json",
  ])("reads the %s sheet's table A:D (captions, values, units, notes) and equals the engine", (example) => {
    const file = path.join(__dirname, "..", "..", "examples", example);
    const proposal = JSON.parse(fs.readFileSync(file, "utf8"));
    const profile = computeProfile(parseProposal(proposal).assumptions.cohort!);
    const layout = proposalSheetLayout({
      sheet: "Proposal",
      proposal,
      fyLabels: profile.years.map((y) => y.label),
      assumptionsInWords: true,
    });
    const out = callMtfs("BENEFIT.PROFILE", blockRange(layout)) as (string | number)[][];
    expect(errorOf(out)).toBeUndefined();
    expect(out[2].slice(1)).toEqual(profile.years.map((y) => toPounds(y.cumulative)));
  });
});

describe("MTFS functions over a multi-stream assumptions range (issue 13)", () => {
  /** The example of docs/functions.md ("Several saving streams in one range"). */
  const TWO_COHORTS: unknown[][] = [
    ["Stream 1 — Falls (cohort)", "falls"],
    ["Baseline volume", 400],
    ["Target", "10%"],
    ["Average duration", 52],
    ["Weekly unit cost", 600],
    ["Project start", "2026-10-01"],
    ["Stream 2 — Cognitive decline (cohort)", null],
    ["Baseline volume", 150],
    ["Target", "5%"],
    ["Average duration", 104],
    ["Weekly unit cost", 900],
    ["Project start", "2027-04-01"],
    ["Whole proposal", null],
    ["Investment 1: amount a year", 120000],
    ["Investment 1: from", "2026-10-01"],
    ["Confidence weighting", "50%"],
  ];

  it("BENEFIT.PROFILE sums the streams, less the investment, × the weighting (the docs' example)", async () => {
    const { checkProposalAssumptions, computeAssumptions } = await import("../../src/engine");
    const cohort = (volume: number, target: number, weeks: number, cost: number, start: string) => ({
      kind: "cohort",
      baseline: { volumePerYear: volume },
      target: { kind: "percent", value: target },
      durationWeeks: weeks,
      unitCost: { weeklyCost: cost },
      timeline: { startDate: start },
    });
    const json = {
      streams: [
        { id: "falls", label: "Falls", ...cohort(400, 0.1, 52, 600, "2026-10-01") },
        { id: "cognitive-decline", label: "Cognitive decline", ...cohort(150, 0.05, 104, 900, "2027-04-01") },
      ],
      investment: [
        { kind: "ongoing", label: "Ongoing investment", amountPerYear: 120000, fromDate: "2026-10-01" },
      ],
      confidenceWeighting: 0.5,
    };
    const want = computeAssumptions(checkProposalAssumptions(json).value).profile;
    const out = callMtfs("BENEFIT.PROFILE", TWO_COHORTS, "gross") as (string | number)[][];
    expect(errorOf(out)).toBeUndefined();
    expect(out[2].slice(1)).toEqual(want.years.map((y) => toPounds(y.cumulative)));
    expect(out[3].slice(1)).toEqual(want.years.map((y) => toPounds(y.gross)));
    expect(callMtfs("QUANTIFIED", TWO_COHORTS)).toBe(toPounds(want.quantifiedOpportunity));
    expect(callMtfs("RUNRATE", TWO_COHORTS)).toBe(toPounds(want.fullRunRate.value));
  });

  it("names the stream's row when a stream's field is refused", () => {
    const bad = TWO_COHORTS.map((r) => (r[0] === "Average duration" && r[1] === 104 ? [r[0], -3] : r));
    const e = errorOf(callMtfs("BENEFIT.PROFILE", bad));
    expect([e?.code, e?.message]).toEqual(["#VALUE!", '"Average duration" (row 10): must be > 0, got -3']);
  });

  it("MONTHLY says it works on one cohort only, as #VALUE!", () => {
    const e = errorOf(callMtfs("PROFILE.MONTHLY", TWO_COHORTS));
    expect(e?.code).toBe("#VALUE!");
    expect(e?.message).toMatch(/single-cohort/);
  });

  it("BENEFIT.PROFILE reads a multi-stream proposal sheet's table A:D and equals the engine", async () => {
    const { multiStreamProposal } = await import("../workbook/multiStream");
    const { modelProposal } = await import("../../src/workbook/engineLink");
    const proposal = multiStreamProposal();
    const modelled = modelProposal(proposal);
    const layout = proposalSheetLayout({
      sheet: "Proposal",
      proposal,
      fyLabels: modelled.profile.years.map((y) => y.label),
      modelled,
      assumptionsInWords: true,
    });
    const row = (a: string): number => Number(/\d+$/.exec(a)?.[0]);
    const first = row(layout.cells.find((c) => c.kind === "label" && c.text === "Assumption")!.address);
    const inputs = layout.cells.filter((c) => c.kind === "input" && c.path.startsWith("assumptions."));
    const last = Math.max(...inputs.map((c) => row(c.address)));
    const at = new Map(layout.cells.map((c) => [c.address, c]));
    const range: unknown[][] = [];
    for (let r = first; r <= last; r++) {
      range.push(
        ["A", "B", "C", "D"].map((col) => {
          const c = at.get(`${col}${r}`);
          return c === undefined ? null : c.kind === "label" ? c.text : c.value;
        }),
      );
    }
    const out = callMtfs("BENEFIT.PROFILE", range, "all") as (string | number)[][];
    expect(errorOf(out)).toBeUndefined();
    expect(out[2].slice(1)).toEqual(modelled.profile.years.map((y) => toPounds(y.cumulative)));
  });
});
