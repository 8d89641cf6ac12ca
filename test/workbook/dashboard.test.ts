import fc from "fast-check";
import { Decimal, periodProfile, trackAssumptions } from "../../src/engine";
import { updateDashboard } from "../../src/workbook/dashboard";
import { acceptReprofile, proposeReprofile } from "../../src/workbook/history";
import { DASHBOARD_SHEET, PER_STREAM_SLIPPAGE } from "../../src/workbook/layouts/dashboardSheet";
import { SMALL_MONEY_FORMAT } from "../../src/workbook/layouts/types";
import { rowHeightFor, wrappedLines } from "../../src/workbook/layouts/textFit";
import { HISTORY_SHEET } from "../../src/workbook/layouts/historySheet";
import { TRACKING_SHEET, measureWords, type TrackingActual } from "../../src/workbook/layouts/trackingSheet";
import { refreshWorkbook } from "../../src/workbook/operations";
import type { WorkbookPort } from "../../src/workbook/port";
import { readRegister } from "../../src/workbook/register";
import { checkActuals, importActuals, readTrackingActuals, trackWorkbook } from "../../src/workbook/tracking";
import { addProposal } from "../../src/workbook/operations";
import { HORIZON_JSON, incomeJson } from "../engine/format/streams.fixtures";
import { cfsActual, demoWorkbook, readExample, roundTrip } from "./fixtures";
import { parseProposal } from "../../src/engine";

const CFS = "CFS Targeted Prevention";
const actual = cfsActual;
const QUARTER = [
  actual("2027-10", "avoidedEvents", 0),
  actual("2027-11", "avoidedEvents", 0),
  actual("2027-12", "avoidedEvents", 1),
];

async function withActuals(actuals: readonly TrackingActual[]) {
  const { wb, port } = await demoWorkbook();
  await importActuals(port, actuals, { dryRun: false });
  await updateDashboard(port);
  return { wb, port };
}

async function cellsOf(port: WorkbookPort, sheet: string) {
  return (await port.readUsedRange(sheet)).map((r) => r.map((c) => c.value));
}

/** The Dashboard row (from row 9) whose Measure (column C, shown in words) is `measure`. */
async function rowOf(port: WorkbookPort, measure: string) {
  const rows = await cellsOf(port, DASHBOARD_SHEET);
  return rows.find((r) => r[0] === CFS && r[2] === measureWords(measure))!;
}

describe("Dashboard", () => {
  it("shows a quarter of CFS TP actuals: plan, actual, variance, % of plan, RAG, forecast and slippage", async () => {
    const { port } = await withActuals(QUARTER);
    const r = await rowOf(port, "avoidedEvents");
    expect(r.slice(3, 6)).toEqual(["2027-10 to 2027-12", expect.any(Number), 1]);
    expect(r[4] as number).toBeCloseTo(2.19, 2);
    expect(r[6] as number).toBeCloseTo(1 - (r[4] as number), 9);
    expect(r[7] as number).toBeCloseTo(1 / (r[4] as number), 9);
    expect(r[8]).toBe("Red");
    expect(r[9]).toBe("FY27/28");
    expect(r[13] as number).toBeGreaterThan(0);
    const rows = await cellsOf(port, DASHBOARD_SHEET);
    expect(rows.some((x) => x[0] === "Programme (modelled proposals)")).toBe(true);
  });

  it("rates the programme's £ saving only once there is a £ plan or actual to date (new-user trial read Green on none)", async () => {
    const programmeRow = async (port: WorkbookPort) =>
      (await cellsOf(port, DASHBOARD_SHEET)).find((x) =>
        String(x[0]).startsWith("Programme (modelled proposals)"),
      )!;
    const none = await withActuals(QUARTER);
    // Blank: the formula's "" reads back as an empty cell.
    expect([null, ""]).toContain((await programmeRow(none.port))[8]);
    const some = await withActuals([...QUARTER, actual("2027-Q3", "saving", 200_000)]);
    expect(["Green", "Amber", "Red"]).toContain((await programmeRow(some.port))[8]);
  });

  it("shows each unwrapped text of the delivery table whole: none is cut off by a figure beside it", async () => {
    const { wb } = await withActuals(QUARTER);
    const ws = wb.getWorksheet(DASHBOARD_SHEET)!;
    const clipped: string[] = [];
    ws.eachRow((row, r) => {
      if (r < 8) return;
      row.eachCell((cell, c) => {
        const text = cell.value;
        if (typeof text !== "string" || cell.alignment?.wrapText) return;
        if (row.getCell(c + 1).value === null || row.getCell(c + 1).value === undefined) return;
        const width = ws.getColumn(c).width ?? 9;
        if (wrappedLines(text, { width, bold: cell.font?.bold === true }) > 1)
          clipped.push(`${cell.address}: ${text}`);
      });
    });
    expect(clipped).toEqual([]);
  });

  it("wraps the closure table's notes in their column, its rows tall enough, so none runs across the page", async () => {
    const { wb } = await withActuals([...QUARTER, actual("2027-Q3", "saving", 200_000)]);
    const ws = wb.getWorksheet(DASHBOARD_SHEET)!;
    let closure = 0;
    ws.eachRow((row, r) => {
      if (String(row.getCell(1).value ?? "").startsWith("Closure:")) closure = r;
    });
    const notes: { address: string; lines: number; wrapped: boolean; tall: boolean }[] = [];
    ws.eachRow((row, r) => {
      if (closure === 0 || r <= closure + 1) return;
      row.eachCell((cell, c) => {
        const text = cell.value;
        if (typeof text !== "string" || c === 1) return;
        const lines = wrappedLines(text, { width: ws.getColumn(c).width ?? 9 });
        if (lines > 1)
          notes.push({
            address: cell.address,
            lines,
            wrapped: cell.alignment?.wrapText === true,
            tall: (row.height ?? 15) >= rowHeightFor(lines),
          });
      });
    });
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.filter((n) => !n.wrapped || !n.tall)).toEqual([]);
  });

  it("indents the Slippage column's words, so they do not run on from the £ figure before them", async () => {
    const { wb } = await withActuals(QUARTER);
    const ws = wb.getWorksheet(DASHBOARD_SHEET)!;
    const slippage = ws.getRow(8).values as unknown[];
    const column = slippage.findIndex((v) => typeof v === "string" && v.startsWith("Slippage"));
    const cell = ws.getCell(9, column);
    expect(typeof cell.value).toBe("number");
    // The format's text section ("n/a (no cohort stream)", "no events") starts with spaces.
    expect(cell.numFmt.split(";")[3]).toMatch(/^" +"@$/);
  });

  it("says where things are documented in words: no sheet shows a repository path", async () => {
    const { port } = await withActuals(QUARTER);
    const sheets = (await port.listSheets()).map((s) => s.name);
    expect(sheets).toEqual(expect.arrayContaining([DASHBOARD_SHEET, "Scenarios", "Parameters"]));
    for (const sheet of sheets) {
      const texts = (await cellsOf(port, sheet)).flat().filter((v): v is string => typeof v === "string");
      expect([sheet, texts.filter((t) => /docs\/|\.md\b/.test(t))]).toEqual([sheet, []]);
    }
  });

  it("takes the RAG thresholds from its cells, which refresh leaves as typed", async () => {
    const { port } = await withActuals(QUARTER);
    await port.writeCells(DASHBOARD_SHEET, [
      { address: "B4", value: 0.4 },
      { address: "B5", value: 0.2 },
    ]);
    await refreshWorkbook(port, { dryRun: false });
    expect((await rowOf(port, "avoidedEvents"))[8]).toBe("Green");
    expect((await port.readCells(DASHBOARD_SHEET, ["B4"]))[0].value).toBe(0.4);
  });

  it("refuses thresholds with amber above green and uses the defaults, saying so", async () => {
    const { port } = await withActuals(QUARTER);
    await port.writeCells(DASHBOARD_SHEET, [{ address: "B5", value: 0.99 }]);
    const report = await refreshWorkbook(port, { dryRun: false });
    expect(report.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/amber: must not be above green/),
    );
    expect((await rowOf(port, "avoidedEvents"))[8]).toBe("Red");
  });

  it("refresh is idempotent with actuals present and never changes an actual (a property)", async () => {
    const input = parseProposal(readExample("cfs-targeted-prevention.json")).assumptions.cohort!;
    const plan = periodProfile(input, "month");
    const months = ["2027-09", "2027-10", "2027-11", "2027-12", "2028-01", "2028-02"];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.boolean(),
        async (n, shares, saving) => {
          const actuals = months.slice(0, n).flatMap((m, k) => {
            const row = plan.find((r) => r.label === m)!;
            return [
              actual(m, "avoidedEvents", Number(row.avoidedEvents.times(shares[k]).toFixed(3))),
              ...(saving ? [actual(m, "saving", Math.round(row.gross.times(shares[k]).toNumber()))] : []),
            ];
          });
          const { wb } = await withActuals(actuals);
          const { port } = await roundTrip(wb);
          const tracking = await cellsOf(port, TRACKING_SHEET);
          await refreshWorkbook(port, { dryRun: false });
          const dashboard = await cellsOf(port, DASHBOARD_SHEET);
          const again = await refreshWorkbook(port, { dryRun: false });
          expect(again.changes.filter((c) => c.sheet === DASHBOARD_SHEET)).toEqual([]);
          expect(await cellsOf(port, DASHBOARD_SHEET)).toEqual(dashboard);
          expect(await cellsOf(port, TRACKING_SHEET)).toEqual(tracking);
        },
      ),
      { numRuns: 4 },
    );
  }, 120_000);

  it("actuals equal to the plan are on plan: zero variance, Green, forecast equal to the plan", async () => {
    const input = parseProposal(readExample("cfs-targeted-prevention.json")).assumptions.cohort!;
    const rows = periodProfile(input, "month").filter((r) =>
      ["2027-10", "2027-11", "2027-12"].includes(r.label),
    );
    const { port } = await withActuals(
      rows.map((r) => actual(r.label, "avoidedEvents", r.avoidedEvents.toNumber())),
    );
    const r = await rowOf(port, "avoidedEvents");
    expect(Math.abs(r[6] as number)).toBeLessThan(1e-9);
    expect(r[8]).toBe("Green");
    expect(r[10] as number).toBeCloseTo(r[11] as number, 4);
  });

  it("shows a small £ saving beside its RAG in £k, and its variance to the penny", async () => {
    const { wb, port } = await withActuals([...QUARTER, actual("2027-Q3", "saving", 5_000)]);
    const rows = await cellsOf(port, DASHBOARD_SHEET);
    const at = rows.findIndex((x) => x[0] === CFS && x[2] === measureWords("saving")) + 1;
    const ws = wb.getWorksheet(DASHBOARD_SHEET)!;
    // £5,000 in £m read "£0.01m" beside a Red RAG.
    expect(ws.getCell(`F${at}`).numFmt).toBe(SMALL_MONEY_FORMAT);
    expect(ws.getCell(`I${at}`).value).toMatchObject({ result: "Red" });
    const variance = ws.getCell(`G${at}`).value as { formula: string; result: number };
    expect(variance.formula).toBe(`ROUND(F${at}-E${at},2)`);
    expect(Math.round(variance.result * 100) / 100).toBe(variance.result);
  });

  it("clears rows it no longer lays out when an actual is deleted", async () => {
    const { port } = await withActuals([...QUARTER, actual("2027-Q3", "saving", 5000)]);
    const { actuals } = await readTrackingActuals(port);
    const savingRow = actuals.find((a) => a.measure === "saving")!.row;
    await port.writeCells(
      TRACKING_SHEET,
      ["A", "B", "C", "D", "E", "F"].map((c) => ({ address: `${c}${savingRow}`, value: null })),
    );
    await refreshWorkbook(port, { dryRun: false });
    const rows = await cellsOf(port, DASHBOARD_SHEET);
    expect(rows.filter((x) => x[0] === CFS && x[2] === measureWords("saving"))).toEqual([]);
    expect(rows.filter((x) => x[0] === CFS && x[2] === "Avoided events")).toHaveLength(1);
  });
});

describe("reprofile in the workbook", () => {
  it("keeps an accepted reprofile as a dated version; the approved assumptions are untouched", async () => {
    const { port } = await withActuals(QUARTER);
    const before = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!.proposal;
    const proposed = await proposeReprofile(port, CFS);
    expect(proposed.reprofile.reading.kind).toBe("laterStart");
    await acceptReprofile(port, proposed, "2028-01-15");
    const stored = (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;
    expect(stored.proposal).toEqual(before);
    expect(stored.versions).toEqual([
      expect.objectContaining({ date: "2028-01-15", assumptions: proposed.assumptions }),
    ]);
    const history = await cellsOf(port, HISTORY_SHEET);
    expect(history.filter((r) => r[0] === CFS && r[1] === "2028-01-15")).toHaveLength(6);
    // a refresh keeps the versions
    await refreshWorkbook(port, { dryRun: false });
    expect((await readRegister(port)).proposals.find((p) => p.sheet === CFS)!.versions).toHaveLength(1);
  });

  it("refuses a proposal without avoided-events actuals, by code", async () => {
    const { port } = await demoWorkbook();
    await expect(proposeReprofile(port, CFS)).rejects.toMatchObject({ code: "no-actuals" });
  });
});

describe("track import names", () => {
  it("writes the proposal's sheet name, so one proposal is one name, and sees a repeat under the other name", async () => {
    const { port } = await demoWorkbook();
    const sheet = (await readRegister(port)).proposals.find((p) => p.proposal && p.sheet === CFS)!.sheet;
    await importActuals(port, [actual("2027-10", "avoidedEvents", 1)], { dryRun: false });
    const again = await importActuals(
      port,
      [{ ...actual("2027-10", "avoidedEvents", 2), proposal: ` ${sheet} ` }],
      {
        dryRun: true,
      },
    );
    expect(again.conflicts).toHaveLength(1);
  });
});

describe("Programme RAG column", () => {
  it("shows each tracked proposal's worst RAG after a refresh, blank for untracked rows, and stays put", async () => {
    const { port } = await withActuals([...QUARTER, actual("2027-Q3", "saving", 1e9)]);
    await refreshWorkbook(port, { dryRun: false });
    const rows = await cellsOf(port, "Programme");
    const header = rows[2].indexOf("RAG (tracking)");
    expect(header).toBeGreaterThan(0);
    const modelled = (name: string) =>
      rows.find((r) => r[1] === name && r[10] === "Proposal sheet (modelled)")!;
    const cfs = modelled("Targeted Prevention");
    expect(cfs[header]).toBe("Red"); // avoided events Red, saving Green: the worst
    const fbp = modelled("Family Based Placements");
    expect(fbp[header] ?? null).toBeNull();
    const again = await refreshWorkbook(port, { dryRun: false });
    expect(again.changes).toEqual([]);
  });
});

describe("multi-stream proposals", () => {
  async function withIncome() {
    const { wb, port } = await demoWorkbook();
    const cfs = readExample("cfs-targeted-prevention.json");
    const raw = {
      ...cfs,
      opportunity: { ...cfs.opportunity, name: "Income Max" },
      assumptions: { horizon: HORIZON_JSON, streams: [incomeJson] },
    };
    delete raw.triangulation;
    await addProposal(port, raw);
    return { wb, port };
  }

  it("takes an actual on its stream, and refuses a stream or measure it does not have, naming what it has", async () => {
    const { port } = await withIncome();
    const ok = { ...actual("2027-10", "saving", 5), proposal: "Income Max" };
    expect(await checkActuals(port, [ok, { ...ok, stream: "income-max" }], (k) => `line ${k + 2}`)).toEqual(
      [],
    );
    const problems = await checkActuals(
      port,
      [
        { ...ok, stream: "fees" },
        { ...ok, measure: "avoidedEvents" },
      ],
      (k) => `line ${k + 2}`,
    );
    expect(problems).toEqual([
      'line 2: stream: must be one of income-max for Income Max, got "fees"',
      'line 3: measure: must be one of "Saving (£)", "Units charged at the new fees" (or saving, unitsCharged) for stream income-max, got "avoidedEvents"',
    ]);
  });

  it("words a stream kind's own KPI on the Dashboard and the Tracking sheet, and reads its words back", async () => {
    const { port } = await withIncome();
    const units = { ...actual("2027-10", "unitsCharged", 40), proposal: "Income Max" };
    await importActuals(port, [units, { ...units, measure: "saving", value: 30000 }], { dryRun: false });
    // Typed on the sheet in its words, any case: the same KPI.
    const { actuals } = await readTrackingActuals(port);
    const row = actuals.find((a) => a.measure === "unitsCharged")!.row;
    await port.writeCells(TRACKING_SHEET, [{ address: `D${row}`, value: "UNITS charged at the new fees" }]);
    expect((await readTrackingActuals(port)).actuals.map((a) => a.measure)).toEqual([
      "unitsCharged",
      "saving",
    ]);
    await updateDashboard(port);
    const tracking = await cellsOf(port, TRACKING_SHEET);
    expect(tracking.filter((r) => r[0] === "Income Max").map((r) => r[3])).toEqual([
      "UNITS charged at the new fees",
      "Saving (£)",
    ]);
    const measures = (await cellsOf(port, DASHBOARD_SHEET))
      .filter((r) => r[0] === "Income Max" && typeof r[2] === "string")
      .map((r) => r[2]);
    // The delivery rows (the closure table below has figures in column B).
    expect(measures).toEqual(["Units charged at the new fees", "Saving (£)"]);
  });

  it("gives it a closure row from its plan, and leaves the others tracked", async () => {
    const { port } = await withIncome();
    await importActuals(port, QUARTER, { dryRun: false });
    const t = await trackWorkbook(port);
    expect(t.problems).toEqual([]);
    expect(t.proposals.map((p) => p.sheet)).toEqual([CFS]);
    const income = t.closures.find((c) => c.name === "Income Max")!;
    expect(income.fromActuals).toBe(false);
    expect(income.expectedFullRunRate).toEqual(income.targetFullRunRate);
  });
});

describe("Dashboard review fixes", () => {
  it("keeps what the user typed under it when it grows, reporting the cells as kept", async () => {
    const { port } = await withActuals(QUARTER);
    const end = (await port.readUsedRange(DASHBOARD_SHEET)).length;
    const notes = [`A${end + 1}`, `A${end + 2}`];
    await port.writeCells(DASHBOARD_SHEET, [
      { address: notes[0], value: "USER note one" },
      { address: notes[1], value: "USER note two" },
    ]);
    await importActuals(port, [actual("2027-Q3", "saving", 5000)], { dryRun: false });
    const sync = await updateDashboard(port);
    const cells = await port.readCells(DASHBOARD_SHEET, notes);
    expect(cells.map((c) => c.value)).toEqual(["USER note one", "USER note two"]);
    expect(sync.changes.filter((c) => notes.includes(c.address)).map((c) => c.kept)).toEqual([true, true]);
    expect(await rowOf(port, "saving")).toBeDefined();
    // Cleared, the cells are the add-in's again.
    await port.writeCells(
      DASHBOARD_SHEET,
      notes.map((address) => ({ address, value: null })),
    );
    const again = await updateDashboard(port);
    expect(again.changes.filter((c) => notes.includes(c.address) && c.kept)).toEqual([]);
    expect((await port.readCells(DASHBOARD_SHEET, notes)).some((c) => c.value !== null)).toBe(true);
  });

  it("has no circular programme total when no measure row is left: the totals are values", async () => {
    const { port } = await withActuals(QUARTER);
    const { actuals } = await readTrackingActuals(port);
    await port.writeCells(
      TRACKING_SHEET,
      actuals.flatMap((a) =>
        ["A", "B", "C", "D", "E", "F"].map((c) => ({ address: `${c}${a.row}`, value: null })),
      ),
    );
    await refreshWorkbook(port, { dryRun: false });
    const [label, d, e] = await port.readCells(DASHBOARD_SHEET, ["A9", "E9", "F9"]);
    expect(label.value).toBe("Programme (modelled proposals): £ saving");
    expect([d, e].map((c) => [c.formula, c.value])).toEqual([
      [undefined, 0],
      [undefined, 0],
    ]);
    // With rows, the total sums the rows above it only.
    await importActuals(port, QUARTER, { dryRun: false });
    await updateDashboard(port);
    const [total] = await port.readCells(DASHBOARD_SHEET, ["E10"]);
    expect(total.formula).toMatch(/SUMIF\(\$C\$9:\$C\$9,"Saving \(£\)",E9:E9\)/);
  });

  it("tracks the workbook once for the Dashboard and the Programme's RAG column", async () => {
    const { port } = await demoWorkbook();
    await importActuals(port, QUARTER, { dryRun: false });
    let reads = 0;
    const counting = new Proxy(port, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop === "readUsedRange")
          return (sheet: string) => {
            if (sheet === TRACKING_SHEET) reads++;
            return target.readUsedRange(sheet);
          };
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await updateDashboard(counting);
    expect(reads).toBe(1);
    const rows = await cellsOf(port, "Programme");
    const header = rows[2].indexOf("RAG (tracking)");
    expect(
      rows.find((r) => r[1] === "Targeted Prevention" && r[10] === "Proposal sheet (modelled)")![header],
    ).toBe("Red");
  });
});

describe("a proposal of two cohort streams with avoided-events actuals", () => {
  const PAIR = "Reunification Pair";
  const raw = readExample("reunification.json");
  const [first] = raw.assumptions.streams;
  const pair = {
    ...raw,
    opportunity: { ...raw.opportunity, name: PAIR },
    assumptions: { ...raw.assumptions, streams: [first, { ...first, id: "second", label: "Second" }] },
  };
  const on = (stream: string, measure: string, value: number): TrackingActual => ({
    proposal: PAIR,
    stream,
    period: "2027-Q1",
    measure,
    value,
    source: "test",
  });

  it("shows each stream's events and slippage, and the events to date add up over them", async () => {
    const { port } = await demoWorkbook();
    await addProposal(port, pair);
    const actuals = [
      on("reunification", "saving", 1000),
      on("reunification", "avoidedEvents", 3),
      on("second", "avoidedEvents", 15),
    ];
    await importActuals(port, actuals, { dryRun: false });
    await updateDashboard(port);
    // Each stream alone (the same inputs) is what the Dashboard's rows must show.
    const one = parseProposal(raw).assumptions;
    const alone = (value: number) =>
      trackAssumptions(one, [
        { stream: "reunification", period: "2027-Q1", measure: "avoidedEvents", value: new Decimal(value) },
      ]).forecast!;
    const [low, high] = [alone(3), alone(15)];
    const sheet = await cellsOf(port, DASHBOARD_SHEET);
    const at = sheet.findIndex((r) => r[0] === "Proposal");
    const delivery = sheet.slice(
      at,
      sheet.findIndex((r) => r[0] === "Programme (modelled proposals): £ saving"),
    );
    const rows = delivery.filter((r) => r[0] === PAIR);
    const [stream, slippage] = [
      sheet[at].indexOf("Stream"),
      sheet[at].indexOf("Slippage (months; negative = ahead)"),
    ];
    expect(rows.map((r) => [r[2], r[stream], r[5], r[slippage]])).toEqual([
      [measureWords("saving"), "reunification", 1000, PER_STREAM_SLIPPAGE],
      [measureWords("avoidedEvents"), "reunification", 3, low.slippageMonths!.toDecimalPlaces(2).toNumber()],
      [measureWords("avoidedEvents"), "second", 15, high.slippageMonths!.toDecimalPlaces(2).toNumber()],
    ]);
    const t = await trackWorkbook(port);
    const f = t.proposals.find((p) => p.name === PAIR)!.summary.forecast!;
    expect(f.actualEventsToDate).toEqual(new Decimal(18));
    expect(f.planEventsToDate).toEqual(low.planEventsToDate.plus(high.planEventsToDate));
  });
});
