import * as ExcelJS from "exceljs";
import { readFileSync } from "fs";
import { join } from "path";
import { run, tempDir } from "../cli/workbookCli";

/**
 * The cell addresses the docs quote are the demo workbook's (new-user trial: docs/workbooks.md said C37 and
 * C38 where the demo has C40 and J38; the README named a "Target value" cell captioned "Target"). Each kind of
 * quotation is checked against `demo`'s workbook, so a layout change that moves a cell fails here.
 */

const root = join(__dirname, "..", "..");
const read = (file: string): string => readFileSync(join(root, file), "utf8");
const DOCS = ["README.md", "docs/workbooks.md", "docs/cli.md"];
/** Quoted formulas of sheets the demo does not write (the Demand sheet's, added by `calc demand --xlsx`). */
const NOT_IN_DEMO = new Set(["='Programme'!E23"]);

let wb: ExcelJS.Workbook;
beforeAll(async () => {
  const file = join(tempDir(), "demo.xlsx");
  expect((await run(["demo", "--out", file])).code).toBe(0);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
}, 120_000);

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? "" : String(v));
const sheet = (name: string): ExcelJS.Worksheet => {
  const ws = wb.getWorksheet(name);
  if (ws === undefined) throw new Error(`the demo has no sheet "${name}"`);
  return ws;
};
const formulaAt = (name: string, address: string): string | undefined => {
  const v = sheet(name).getCell(address).value as { formula?: string } | null;
  return v?.formula;
};
const unquote = (s: string): string => s.replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
const allFormulas = (): string[] =>
  wb.worksheets.flatMap((ws) => {
    const out: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const f = (c.value as { formula?: string } | null)?.formula;
        if (f !== undefined) out.push(`=${f}`);
      }),
    );
    return out;
  });

describe("addresses quoted in the docs", () => {
  it('a change-report example "<column heading> FYxx/yy: a → b (Sheet!C40)" names the cell of that FY and column', () => {
    const quoted = DOCS.flatMap((d) => [
      ...read(d).matchAll(
        /([A-Z][a-z][a-z ]*) (FY\d\d\/\d\d):\s[^()`]*?→[^()`]*?\(([^!()]+)!([A-Z]+)(\d+)\)/g,
      ),
    ]);
    expect(quoted.length).toBeGreaterThan(0);
    for (const [, heading, fy, name, col, row] of quoted) {
      const ws = sheet(name);
      expect([`${name}!${col}${row}`, text(ws.getCell(`A${row}`).value)]).toEqual([
        `${name}!${col}${row}`,
        fy,
      ]);
      // The column's heading: the nearest row above whose column A says "FY".
      let r = Number(row) - 1;
      while (r > 0 && text(ws.getCell(`A${r}`).value) !== "FY") r--;
      expect(text(ws.getCell(`${col}${r}`).value).toLowerCase()).toBe(heading.toLowerCase());
    }
  });

  it("an error example \"'Sheet'!B92 Caption: …\" names the cell captioned so", () => {
    const quoted = DOCS.flatMap((d) => [...read(d).matchAll(/`'([^']+)'!([A-Z]+)(\d+) ([A-Z][^:`]*): /g)]);
    expect(quoted.length).toBeGreaterThan(0);
    for (const [, name, , row, caption] of quoted) {
      // The message's caption carries the unit the sheet shows beside it: "Average duration (weeks)".
      const onSheet = text(sheet(name).getCell(`A${row}`).value);
      const same = onSheet !== "" && (caption === onSheet || caption.startsWith(`${onSheet} (`));
      expect([name, row, caption, onSheet, same]).toEqual([name, row, caption, onSheet, true]);
    }
  });

  it("a quoted formula on a demo sheet is one the demo writes (… for any run of it)", () => {
    const formulas = allFormulas();
    const quoted = DOCS.flatMap((d) => [
      ...read(d).matchAll(/`(=[^`]*?(?:'[^']+'|[A-Z][A-Za-z ]*)![A-Z]+\d+[^`]*)`/g),
    ])
      .map((m) => m[1])
      .filter((f) => !NOT_IN_DEMO.has(f) && !/sheet!/.test(f));
    expect(quoted.length).toBeGreaterThan(3);
    // "…" stands for any run of the formula: the parts around it come in order, the first at its start.
    const pattern = (f: string): RegExp =>
      new RegExp(
        `^${f
          .split("…")
          .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*")}$`,
      );
    const written = (f: string): boolean => formulas.some((g) => pattern(f).test(g));
    expect(quoted.filter((f) => !written(f))).toEqual([]);
  });

  it("\"Programme!G13 links to 'Sheet'!J40\" is the link the demo writes", () => {
    const quoted = DOCS.flatMap((d) => [
      ...read(d).matchAll(/Programme!([A-Z]+\d+) links to ('[^']+'![A-Z]+\d+)/g),
    ]);
    expect(quoted.length).toBeGreaterThan(0);
    for (const [, at, target] of quoted) expect(formulaAt("Programme", at)).toBe(target);
  });

  it('the README\'s "blue _Caption_ cell on "Sheet"" is an input captioned so', () => {
    const quoted = [...read("README.md").matchAll(/blue _([^_]+)_ cell on "([^"]+)"/g)];
    expect(quoted.length).toBeGreaterThan(0);
    for (const [, caption, name] of quoted) {
      const ws = sheet(name);
      const rows: number[] = [];
      ws.eachRow((row, r) => void (text(row.getCell(1).value) === caption && rows.push(r)));
      expect([caption, rows.length]).toEqual([caption, 1]);
      const input = wb.definedNames.model.some((n) =>
        n.ranges.some((g) => unquote(g.split("!")[0]) === name && g.endsWith(`$B$${rows[0]}`)),
      );
      expect([caption, input]).toEqual([caption, true]);
    }
  });
});
