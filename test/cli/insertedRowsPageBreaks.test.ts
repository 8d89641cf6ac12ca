import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { sheetParts } from "../../src/workbook/exceljs/packageXml";
import { PROGRAMME_SHEET } from "../../src/workbook/layouts/programmeSheet";
import { example, run, tempDir } from "./workbookCli";

/**
 * `new` inserts a proposal's row into its directorate's block on the Programme: a page break the user put
 * below that row moves down with the rows under it, as Excel moves it, and one above it stays.
 */

/** The saved Programme sheet's XML. */
async function programmeXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const part = (await sheetParts(zip)).get(PROGRAMME_SHEET) as string;
  return (await zip.file(part)?.async("string")) ?? "";
}

/** The rows the manual row breaks start a page at (a break's id is the row above it). */
const rowBreaks = (xml: string): number[] =>
  [...(/<rowBreaks\b[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0] ?? "").matchAll(/<brk\b[^>]*\bid="(\d+)"/g)].map(
    (m) => Number(m[1]) + 1,
  );

/** What Excel saves for the user's row breaks above `rows` and a column break left of column G. */
async function userBreaks(file: string, rows: readonly number[]): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const part = (await sheetParts(zip)).get(PROGRAMME_SHEET) as string;
  const xml = (await zip.file(part)?.async("string")) ?? "";
  const brks = rows.map((r) => `<brk id="${r - 1}" max="16383" man="1"/>`).join("");
  const breaks =
    `<rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">${brks}</rowBreaks>` +
    `<colBreaks count="1" manualBreakCount="1"><brk id="6" max="1048575" man="1"/></colBreaks>`;
  // After the page setup, before the drawing parts, as CT_Worksheet orders them.
  const at = xml.search(/<(drawing|legacyDrawing|tableParts|extLst)\b|<\/worksheet>/);
  zip.file(part, xml.slice(0, at) + breaks + xml.slice(at));
  writeFileSync(file, await zip.generateAsync({ type: "uint8array" }));
}

/** A proposal the demo does not hold yet, in the directorate of `like`. */
function anotherProposal(like: string, name: string): string {
  const raw = JSON.parse(readFileSync(example(like), "utf8"));
  raw.opportunity.name = name;
  const f = join(tempDir(), "p.json");
  writeFileSync(f, JSON.stringify(raw));
  return f;
}

/** The Programme row whose column A reads `label`. */
async function rowLabelled(file: string, label: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  let found = 0;
  wb.getWorksheet(PROGRAMME_SHEET)!.eachRow((row, r) => {
    if (row.getCell(1).value === label) found = r;
  });
  return found;
}

describe("rows `new` inserts on the Programme", () => {
  it("move the user's page breaks below them down by the rows inserted and keep those above", async () => {
    const file = join(tempDir(), "demo.xlsx");
    expect((await run(["demo", "--out", file])).code).toBe(0);
    const total = await rowLabelled(file, "Total ER Savings");
    const above = 5;
    await userBreaks(file, [above, total]);
    const r = await run([
      "new",
      "--input",
      anotherProposal("reablement.json", "Reablement Two"),
      "--into",
      file,
    ]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    // One row into the first directorate's block: the total is a row lower, its page break with it.
    expect(await rowLabelled(file, "Total ER Savings")).toBe(total + 1);
    const xml = await programmeXml(file);
    expect(rowBreaks(xml)).toEqual([above, total + 1]);
    expect(/<colBreaks\b[\s\S]*?<\/colBreaks>/.exec(xml)?.[0]).toMatch(
      /<brk id="6" max="1048575" man="1"\/>/,
    );
  }, 120_000);

  it("move them by two rows when the proposal opens a new directorate block", async () => {
    const file = join(tempDir(), "demo.xlsx");
    expect((await run(["demo", "--out", file])).code).toBe(0);
    const total = await rowLabelled(file, "Total ER Savings");
    const below = total + 4;
    await userBreaks(file, [below]);
    const raw = JSON.parse(readFileSync(example("reablement.json"), "utf8"));
    raw.opportunity.name = "Libraries Review";
    raw.opportunity.directorate = "Place";
    const input = join(tempDir(), "p.json");
    writeFileSync(input, JSON.stringify(raw));
    const r = await run(["new", "--input", input, "--into", file]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(await rowLabelled(file, "Total ER Savings")).toBe(total + 2);
    expect(rowBreaks(await programmeXml(file))).toEqual([below + 2]);
  }, 120_000);
});
