import {
  changeLabel,
  countedCellMessages,
  describeLine,
  reportLines,
  reportValue as displayValue,
} from "../../src/workbook/changeReport";
import type { CellChange } from "../../src/workbook/ownedCells";
import { refreshWorkbook } from "../../src/workbook/operations";
import { MILLIONS_FORMAT } from "../../src/workbook/layouts/types";
import { demoWorkbook, programmeConfig, roundTrip } from "./fixtures";

const CFS = "CFS Targeted Prevention";

const change = (over: Partial<CellChange>): CellChange => ({
  owner: CFS,
  sheet: CFS,
  address: "C37",
  key: "profile.FY28/29.cumulative",
  before: 1,
  after: 2,
  kept: false,
  ...over,
});

describe("reportValue", () => {
  it("shows money as £m, years as years and counts to 2 dp", () => {
    expect(displayValue("profile.FY28/29.cumulative", 2994079.711554999)).toBe("£2.99m");
    expect(displayValue("quantifiedOpportunity", -580648.148)).toBe("-£0.58m");
    expect(displayValue("timeToFullRunRateYears", 1.5416666)).toBe("1.54 years");
    expect(displayValue("paybackYears", 3.2399)).toBe("3.24 years");
    expect(displayValue("triangulation[0].avoided", 68)).toBe("68");
    expect(displayValue("profile.FY28/29.caseloadReduction", 17.3412)).toBe("17.34");
    // Text is quoted, so a caption changing reads as text ("Overlap a year" → "Inflation…").
    expect(displayValue("fullRunRate.fy", "FY31/32")).toBe('"FY31/32"');
    expect(displayValue("profile.FY28/29.gross", null)).toBe("(blank)");
  });
});

describe("changeLabel", () => {
  it("names cells in finance words, programme rows by their config", () => {
    const config = programmeConfig();
    expect(changeLabel("profile.FY28/29.cumulative")).toBe("FY28/29 cumulative benefit");
    expect(changeLabel("profile.FY29/30.mtfsImpact")).toBe("FY29/30 MTFS row");
    expect(changeLabel("quantifiedOpportunity")).toBe("quantified opportunity");
    expect(changeLabel("triangulation[1].caseload")).toBe("triangulation row 2: caseload");
    expect(changeLabel("subtotal[1].FY29/30", config)).toBe(
      `${config.directorates[1].subtotalLabel} FY29/30`,
    );
    expect(changeLabel("directorates[0].rows[0].FY29/30", config)).toBe("Reablement FY29/30");
    expect(changeLabel("total.FY29/30")).toBe("Total ER savings FY29/30");
    expect(changeLabel("theme[0].er", config)).toBe(`${config.themes[0].theme}: ER benefit`);
  });
});

describe("reportLines", () => {
  it("puts each proposal's headlines first, then its cells, then its kept hand edits; the programme last", () => {
    const lines = reportLines([
      change({ owner: "programme", sheet: "Programme", address: "H21", key: "total.FY29/30" }),
      change({
        address: "C38",
        key: "profile.FY29/30.cumulative",
        kept: true,
        before: 999,
        after: 1104079.71,
      }),
      change({}),
      change({ address: "B9", key: "quantifiedOpportunity", before: 1_104_079.71, after: 1_850_000 }),
    ]);
    expect(lines.map((l) => [l.proposal, l.label, l.headline ?? false, l.kept ?? false])).toEqual([
      [CFS, "quantified opportunity", true, false],
      [CFS, "FY28/29 cumulative benefit", false, false],
      [CFS, "FY29/30 cumulative benefit", false, true],
      ["(programme)", "Total ER savings FY29/30", true, false],
    ]);
    expect(describeLine(lines[0])).toBe("quantified opportunity: £1.10m → £1.85m");
    // A kept hand edit reads as kept: the user's value stays, the computed one is shown beside it.
    expect(describeLine(lines[2])).toBe(
      "kept (edited by hand): FY29/30 cumulative benefit stays £0.00m (computed £1.10m)",
    );
  });

  it("reports a refresh after an edit with the quantified opportunity as the proposal's first line", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const n = back.definedNames.model.find((x) => x.name === "mtfs_CFSTargetedPrevention_target_value")!;
    back.getWorksheet(CFS)!.getCell(n.ranges[0].split("!")[1].replace(/\$/g, "")).value = 0.12;
    const report = await refreshWorkbook(port);
    const first = report.lines.find((l) => l.proposal === CFS)!;
    expect(first).toMatchObject({ label: "quantified opportunity", before: "£1.10m", headline: true });
    expect(
      report.lines.filter((l) => l.proposal === CFS).every((l) => l.label && !/^profile\./.test(l.label)),
    ).toBe(true);
  });
});

describe("the report in the sheet's words (trial 4)", () => {
  it("names every changed cell by its caption, never its key, and shows money by the money rule", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const n = back.definedNames.model.find((x) => x.name === "mtfs_CFSTargetedPrevention_target_value")!;
    back.getWorksheet(CFS)!.getCell(n.ranges[0].split("!")[1].replace(/\$/g, "")).value = 0.1;
    const report = await refreshWorkbook(port);
    expect(report.lines.length).toBeGreaterThan(100);
    // No internal code in any label: no dotted keys, no list indexes.
    const coded = report.lines.filter((l) => /\w\.\w|\[\d+\]/.test(l.label ?? ""));
    expect(coded.map((l) => `${l.label} (${l.cell})`)).toEqual([]);
    // Money cells as money (£m, £k, or "-"), never a bare number of pounds; only a tornado row that now holds
    // an input no longer in the table shows its old low and high plainly (their unit was the old input's).
    const retitled = new Set(
      report.lines.filter((l) => l.label?.startsWith("Input")).map((l) => l.cell.replace(/![A-Z]+/, "!")),
    );
    const bare = report.lines.filter(
      (l) =>
        (/^-?\d{4,}/.test(l.before) && !retitled.has(l.cell.replace(/![A-Z]+/, "!"))) ||
        /^-?\d{4,}/.test(l.after),
    );
    expect(bare.map((l) => `${l.label}: ${l.before} → ${l.after}`)).toEqual([]);
    const risk = report.lines.find(
      (l) => l.proposal === CFS && /^Risk-adjusted MTFS row FY29\/30$/.test(l.label!),
    );
    expect(risk?.after).toMatch(/^-?£\d+\.\d(\dm|k)$/);
    expect(risk?.block).toBe("Benefits profile over the MTFS");
    const green = report.lines.find((l) => l.proposal === CFS && l.label === "Benefits (real) FY29/30");
    expect(green?.block).toMatch(/^Green Book view/);
    // Every folded line reads the same before and after; no other line does.
    for (const l of report.lines.filter((x) => !x.kept))
      expect([l.label, l.unseen ?? false]).toEqual([l.label, l.before === l.after]);
  });
});

describe("a tornado row that now holds another input", () => {
  it("reports its old low and high in its old input's units, as the sheet showed them", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const n = back.definedNames.model.find(
      (x) => x.name === "mtfs_CFSTargetedPrevention_unitCost_inflationPerYear",
    )!;
    // A higher inflation reorders the swings: rows of the table change input.
    back.getWorksheet(CFS)!.getCell(n.ranges[0].split("!")[1].replace(/\$/g, "")).value = 0.05;
    const report = await refreshWorkbook(port, { dryRun: true });
    const mine = report.lines.filter((l) => l.proposal === CFS);
    const moved = mine.filter((l) => l.label === "Input (moved alone)");
    expect(moved.length).toBeGreaterThan(1);
    const titles = new Set(moved.map((l) => l.after));
    for (const title of moved) {
      const row = title.cell.replace(/^.*![A-Z]+/, "");
      const ends = mine
        .filter((l) => l.label === "Low" || l.label === "High")
        .filter((l) => l.cell.endsWith(`!B${row}`) || l.cell.endsWith(`!C${row}`));
      const old = title.before;
      // Only an input still in the table has its units on the sheet.
      if (!titles.has(old)) continue;
      for (const end of ends) {
        if (/\(%/.test(old)) expect(end.before).toMatch(/^-?\d+(\.\d+)?%$/);
        else if (/\(£/.test(old)) expect(end.before).toMatch(/^-?£\d/);
        else expect(end.before).toMatch(/^-?\d+(\.\d+)?$/);
      }
    }
    // The inflation moved rows: its old low reads as the percent it was, not as pounds or a bare fraction.
    const inflation = moved.find((l) => l.before.startsWith('"Inflation on the unit cost'))!;
    const row = inflation.cell.replace(/^.*![A-Z]+/, "");
    expect(mine.find((l) => l.cell === `${CFS}!B${row}`)?.before).toMatch(/^\d+(\.\d+)?%$/);
  });

  it("reads an old figure in the format the change gives it", () => {
    const lines = reportLines([
      change({
        address: "A133",
        key: "sensitivity.rows[8].input",
        before: "Inflation (% a year)",
        after: "Overlap (£ a year)",
      }),
      change({
        address: "B133",
        key: "sensitivity.rows[8].low",
        before: 0.036,
        after: 351000,
        numberFormat: '"£"#,##0;-"£"#,##0',
        beforeNumberFormat: "0.0#%",
      }),
    ]);
    expect(lines.map((l) => [l.before, l.after])).toEqual([
      ['"Inflation (% a year)"', '"Overlap (£ a year)"'],
      ["3.6%", "£0.35m"],
    ]);
  });
});

describe("change labels of a sheet in words (issue 13)", () => {
  it("names units, stream lines, measures and weightings in words, money as £m and counts as counts", async () => {
    const { changeLabel } = await import("../../src/workbook/changeReport");
    expect(changeLabel("unit.assumptions.target.value")).toBe("unit of Target");
    expect(changeLabel("unit.assumptions.streams[1].durationWeeks")).toBe("unit of Average duration");
    expect(changeLabel("streams.falls.FY27/28.gross")).toBe("FY27/28 falls: gross saving");
    expect(changeLabel("streams.falls.FY27/28.homecareHoursAvoided")).toBe(
      "FY27/28 falls: homecare hours avoided",
    );
    expect(changeLabel("weighting.falls.target.evidence")).toBe(
      "confidence weighting falls target: evidence",
    );
    expect(changeLabel("profile.FY27/28.existingMtfs")).toBe("FY27/28 existing MTFS lines (deducted)");
    expect(displayValue("streams.falls.FY27/28.gross", 1_500_000)).toBe("£1.50m");
    expect(displayValue("streams.falls.FY27/28.caseloadReduction", 17.3412)).toBe("17.34");
  });
});

describe("the report's figures read as the sheet shows them (new-user trial)", () => {
  it("shows a kept hand edit too small for £k as typed, not as the nil dash", () => {
    const [line] = reportLines([
      change({
        address: "B9",
        key: "quantifiedOpportunity",
        kept: true,
        before: 0.05,
        after: 901_274.05,
        numberFormat: MILLIONS_FORMAT,
      }),
    ]);
    expect(describeLine(line)).toBe(
      "kept (edited by hand): quantified opportunity stays 0.05 (computed £0.90m)",
    );
  });

  it("shows years to the same two decimals both sides of a change", () => {
    const [line] = reportLines([
      change({ address: "B12", key: "paybackYears", before: 3.19, after: 3.2, numberFormat: "0.0" }),
    ]);
    expect(describeLine(line)).toBe("payback: 3.19 years → 3.20 years");
  });

  it("names a formula counting a kept edit by its caption and shows its figures in its format", () => {
    const [m] = countedCellMessages([
      {
        owner: CFS,
        sheet: CFS,
        address: "B9",
        kind: "kept",
        key: "quantifiedOpportunity",
        affected: [
          {
            key: "sensitivity.base",
            address: "C60",
            shown: 2_000_000,
            computed: 1_970_000,
            direct: true,
            caption: "Sensitivity: base case",
            numberFormat: MILLIONS_FORMAT,
          },
        ],
      },
    ]);
    expect(m.message).toContain("Sensitivity: base case counts it and shows £2.00m, not the computed £1.97m");
    expect(m.message).not.toMatch(/sensitivity\./);
  });

  it("a refresh keeping a hand-typed quantified opportunity says so in the sheet's words and £ format", async () => {
    const { wb } = await demoWorkbook();
    const { wb: back, port } = await roundTrip(wb);
    const n = back.definedNames.model.find(
      (x) => x.name === "mtfs_CFSTargetedPrevention_quantifiedOpportunity",
    );
    const address = n ? n.ranges[0].split("!")[1].replace(/\$/g, "") : "B9";
    back.getWorksheet(CFS)!.getCell(address).value = 0.05;
    const report = await refreshWorkbook(port);
    expect(report.lines.filter((l) => l.kept).map(describeLine)).toContainEqual(
      expect.stringMatching(
        /^kept \(edited by hand\): quantified opportunity stays 0\.05 \(computed £\d+\.\d\dm\)$/,
      ),
    );
    const warning = report.warnings.map((w) => w.message).find((m) => m.includes("hand edit refresh kept"));
    expect(warning).toMatch(/counts it and shows 0\.05, not the computed £\d+\.\d\dm/);
    expect(warning).not.toMatch(/sensitivity\.|\d{4,}\.\d/);
  });
});
