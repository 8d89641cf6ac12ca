import * as ExcelJS from "exceljs";
import { copyFileSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { run, tempDir } from "./workbookCli";

/**
 * A new user's trial of `track` (fixd): a gap in the avoided events refused at import (and, typed by hand,
 * shown rather than dropping the proposal), every bad row named in one run, a second --accept of the same
 * reading kept once, slippage of a proposal without a cohort stream, and £ in the JSON to pennies.
 */

const HEADER = "proposal,stream,period,measure,value";
const CFS = "CFS Targeted Prevention";
const QUARTER = [
  HEADER,
  `${CFS},,2027-10,avoidedEvents,0`,
  `${CFS},,2027-11,avoidedEvents,0`,
  `${CFS},,2027-12,avoidedEvents,1`,
].join("\n");
let demoFile: string;
/** The demo workbook after one `track import` of QUARTER: the starting point of the tests that need actuals. */
let importedFile: string;

beforeAll(async () => {
  demoFile = join(tempDir(), "demo.xlsx");
  expect((await run(["demo", "--out", demoFile])).code).toBe(0);
  const w = fresh();
  expect((await run(["track", "import", w.csv("q.csv", QUARTER), "--into", w.file])).code).toBe(0);
  importedFile = w.file;
}, 120_000);

/** A fresh demo workbook and a CSV writer beside it. */
function fresh(): { file: string; csv: (name: string, text: string) => string } {
  const dir = tempDir();
  const file = join(dir, "w.xlsx");
  copyFileSync(demoFile, file);
  return {
    file,
    csv: (name, text) => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return f;
    },
  };
}

/** A fresh copy of the workbook with QUARTER imported (each test its own, as if it had imported it). */
function withQuarter(): ReturnType<typeof fresh> {
  const w = fresh();
  copyFileSync(importedFile, w.file);
  return w;
}

/** Every value of a sheet's cells, as text. */
async function sheetTexts(file: string, sheet: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  wb.getWorksheet(sheet)?.eachRow((r) => r.eachCell((c) => void out.push(String(c.text))));
  return out;
}

/** Types an actual on the Tracking sheet's next row, as a user would by hand (no check). */
async function typeActual(file: string, period: string, value: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Tracking")!;
  let last = 0;
  ws.eachRow((r, n) => void (String(r.getCell(1).text) !== "" ? (last = n) : undefined));
  const row = ws.getRow(last + 1);
  row.getCell(1).value = CFS;
  row.getCell(3).value = period;
  row.getCell(4).value = ws.getRow(last).getCell(4).value;
  row.getCell(5).value = value;
  await wb.xlsx.writeFile(file);
}

describe("track import: a gap in a stream's avoided events", () => {
  it("refuses a row that leaves a gap after the sheet's actuals, naming its line; nothing written", async () => {
    const w = withQuarter();
    const before = readFileSync(w.file);
    const gap = w.csv("gap.csv", [HEADER, `${CFS},,2028-03,avoidedEvents,1`].join("\n"));
    const r = await run(["track", "import", gap, "--into", w.file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /gap\.csv: line 2: period: with CFS Targeted Prevention's cohort avoidedEvents on the Tracking sheet, 2028-03 leaves a gap after 2027-12.*; nothing was imported/,
    );
    expect(readFileSync(w.file).equals(before)).toBe(true);
    // The months between follow on, so they are taken.
    const next = w.csv("next.csv", [HEADER, `${CFS},,2028-01,avoidedEvents,1`].join("\n"));
    expect((await run(["track", "import", next, "--into", w.file])).code).toBe(0);
  }, 60_000);

  it("still tracks a proposal whose sheet has a gap typed by hand: variance and RAG, no forecast and why", async () => {
    const w = withQuarter();
    await typeActual(w.file, "2028-03", 1);
    const r = await run(["track", "report", w.file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^CFS Targeted Prevention\n.*\nAvoided events\s+2027-10–2028-03\s+[\d.]+\s+2\.00\s+-[\d.]+\s+\d+%\s+Red$/m,
    );
    expect(r.stdout).toMatch(/^No forecast: avoided events 2028-03 leaves a gap after 2027-12/m);
    expect(r.stderr).toBe("");
    const closure = await run(["track", "closure", w.file]);
    expect(closure.stdout).toMatch(/^CFS Targeted Prevention\s+£3\.29m/m);
    // The Dashboard, brought up to date by the next import (a typed gap is not that import's doing).
    const saving = w.csv("s.csv", [HEADER, `${CFS},,2027-10,saving,100`].join("\n"));
    expect((await run(["track", "import", saving, "--into", w.file])).code).toBe(0);
    const dashboard = await sheetTexts(w.file, "Dashboard");
    expect(
      dashboard.some((t) => /^No forecast: avoided events 2028-03 leaves a gap after 2027-12/.test(t)),
    ).toBe(true);
  }, 60_000);
});

describe("track import: every bad row in one run", () => {
  it("names each bad line, whether the CSV or the workbook finds it, and writes nothing", async () => {
    const w = fresh();
    const bad = w.csv(
      "bad.csv",
      [
        HEADER,
        `${CFS},,2027-13,avoidedEvents,1`,
        `${CFS},,2027-10,hours,1`,
        `${CFS},,2027-10,saving,abc`,
        "Income Maximisation,,2026-Q3,saving,5",
        "Nobody,,2027-10,saving,5",
        `${CFS},,2027-11,avoidedEvents,-1`,
        ",,2027-10,saving,1",
        "Income Maximisation,fee,2026-Q3,saving,5",
        `${CFS},,2027-12,saving,1,extra`,
      ].join("\n"),
    );
    const before = readFileSync(w.file);
    const r = await run(["track", "import", bad, "--into", w.file]);
    expect(r.code).toBe(2);
    const named = [...r.stderr.matchAll(/line (\d+):/g)].map((m) => Number(m[1]));
    expect(named).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(w.file).equals(before)).toBe(true);
  }, 60_000);
});

describe("track import: every problem of a line at once", () => {
  it("names an unknown proposal on a line its period or value already refuses (new-user trial)", async () => {
    const w = fresh();
    const bad = w.csv(
      "bad.csv",
      [HEADER, "Nobody,,2027-13,saving,5", "Nobody,,2027-10,saving,abc", `${CFS},,2027-13,saving,1`].join(
        "\n",
      ),
    );
    const r = await run(["track", "import", bad, "--into", w.file]);
    expect(r.code).toBe(2);
    const problems = r.stderr.replace(/^.*?bad\.csv: /, "").split("; ");
    const nobody = 'proposal: no proposal sheet is called "Nobody"';
    expect(problems.filter((p) => p.startsWith("line 2: "))).toEqual([
      `line 2: ${nobody}`,
      expect.stringMatching(/^line 2: period: /),
    ]);
    expect(problems.filter((p) => p.startsWith("line 3: "))).toEqual([
      `line 3: ${nobody}`,
      expect.stringMatching(/^line 3: value: must be a number, got "abc"/),
    ]);
    // A known proposal on a bad line is not reported as unknown.
    expect(problems.filter((p) => p.startsWith("line 4: "))).toEqual([
      expect.stringMatching(/^line 4: period: /),
    ]);
  }, 60_000);
});

describe("track reprofile --accept twice on one date", () => {
  it("keeps the version once: the second is already kept and writes nothing", async () => {
    const w = withQuarter();
    const accept = ["track", "reprofile", w.file, "--proposal", CFS, "--accept", "--date", "2028-01-15"];
    expect((await run(accept)).code).toBe(0);
    const once = readFileSync(w.file);
    const again = await run(accept);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Already kept as the version of 2028-01-15 .*: not written again\./);
    expect(readFileSync(w.file).equals(once)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(w.file);
    const rows: unknown[][] = [];
    wb.getWorksheet("Reprofiles")!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.filter((r) => r[0] === CFS && r[1] === "2028-01-15")).toHaveLength(6);
  }, 60_000);
});

describe("track report: slippage without a cohort stream, JSON in pennies, counts in words", () => {
  it("says n/a (no cohort stream) in the report and on the Dashboard, and rounds £ to pennies", async () => {
    const w = fresh();
    const one = w.csv("one.csv", [HEADER, "Income Maximisation,fees,2026-Q3,saving,5000"].join("\n"));
    const imported = await run(["track", "import", one, "--into", w.file]);
    expect(imported.stdout).toMatch(/^Imported 1 actual into .* \(0 already there, 0 conflicts\)\.$/m);
    const r = await run(["track", "report", w.file]);
    expect(r.stdout).toMatch(/^Slippage: n\/a \(no cohort stream\)$/m);
    expect(await sheetTexts(w.file, "Dashboard")).toContain("n/a (no cohort stream)");
    const json = JSON.parse((await run(["track", "report", w.file, "--format", "json"])).stdout) as {
      measures: { measure: string; plan: number; actual: number; variance: number }[];
    }[];
    const money = json.flatMap((p) => p.measures.filter((m) => m.measure === "saving"));
    expect(money.length).toBeGreaterThan(0);
    for (const m of money)
      for (const x of [m.plan, m.actual, m.variance]) expect(Math.round(x * 100) / 100).toBe(x);
  }, 60_000);
});
