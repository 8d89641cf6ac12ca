import JSZip from "jszip";
import { copyFileSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { example, run, tempDir } from "./workbookCli";

let demoFile: string;

beforeAll(async () => {
  demoFile = join(tempDir(), "demo.xlsx");
  expect((await run(["demo", "--out", demoFile])).code).toBe(0);
}, 60_000);

/** The print-titles ranges xl/workbook.xml gives the sheet named `sheet`, found by its localSheetId. */
async function printTitlesOf(file: string, sheet: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const names = [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
  const local = String(names.indexOf(sheet));
  return [...xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)]
    .filter((m) => /name="_xlnm\.Print_Titles"/.test(m[1]) && m[1].includes(`localSheetId="${local}"`))
    .map((m) => m[2].replace(/&apos;/g, "'"));
}

/** A fresh copy of the demo workbook. */
function demoCopy(): string {
  const file = join(tempDir(), "w.xlsx");
  copyFileSync(demoFile, file);
  return file;
}

describe("sheets the CLI adds to an existing workbook keep their print titles", () => {
  it("the Dashboard track import adds repeats its headings and Proposal column on every page", async () => {
    const file = demoCopy();
    expect(await printTitlesOf(file, "Dashboard")).toEqual([]);
    const csv = join(tempDir(), "actuals.csv");
    writeFileSync(
      csv,
      ["proposal,stream,period,measure,value", "CFS Targeted Prevention,,2027-10,avoidedEvents,1"].join("\n"),
    );
    expect((await run(["track", "import", csv, "--into", file])).code).toBe(0);
    const titles = await printTitlesOf(file, "Dashboard");
    expect(titles).toHaveLength(1);
    expect(titles[0]).toMatch(/^'?Dashboard'?!\$A:\$A,'?Dashboard'?!\$\d+:\$\d+$/);
  }, 60_000);

  it("the Risk sheet simulate --xlsx adds prints as in a new workbook, and the demo's own sheets keep theirs", async () => {
    const simulate = (xlsx: string): Promise<{ code: number }> =>
      run([
        "simulate",
        "--input",
        example("cfs-targeted-prevention.json"),
        "--iterations",
        "50",
        "--xlsx",
        xlsx,
      ]);
    const fresh = join(tempDir(), "risk.xlsx");
    expect((await simulate(fresh)).code).toBe(0);
    const file = demoCopy();
    const before = await JSZip.loadAsync(readFileSync(file));
    const beforeXml = (await before.file("xl/workbook.xml")?.async("string")) ?? "";
    const own = [
      ...beforeXml.matchAll(/<definedName\b[^>]*name="_xlnm\.Print_Titles"[^>]*>[^<]*<\/definedName>/g),
    ].map((m) => m[0]);
    expect((await simulate(file)).code).toBe(0);
    expect(await printTitlesOf(file, "Risk")).toEqual(await printTitlesOf(fresh, "Risk"));
    const after =
      (await (await JSZip.loadAsync(readFileSync(file))).file("xl/workbook.xml")?.async("string")) ?? "";
    for (const d of own) expect(after).toContain(d);
  }, 60_000);
});
