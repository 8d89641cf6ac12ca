import * as ExcelJS from "exceljs";
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { run, tempDir } from "./workbookCli";

describe("mtfs-benefits demo", () => {
  it("writes the programme workbook with the Programme, Resource cost, Themes and proposal sheets", async () => {
    const out = join(tempDir(), "sub", "mtfs-programme.xlsx");
    const r = await run(["demo", "--out", out]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/13 opportunities, 11 modelled/);
    // Each modelled profile is printed as the proposal shows it (the README's first command shows CFS TP's).
    const cfs = r.stdout.slice(r.stdout.indexOf("CFS Targeted Prevention\n"));
    expect(cfs).toMatch(/FY 26\/27\s+-£0\.50m\s+-£0\.50m/);
    expect(cfs).toMatch(/FY 29\/30\s+£1\.68m\s+£1\.10m/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Programme",
      "Resource cost",
      "Themes",
      "Scenarios",
      // One sheet per modelled row, in programme order (names cut at Excel's 31 characters).
      "Reablement",
      "Maximising Independence for Wor",
      "Adults Commissioning for the Fu",
      "Family Based Placements",
      "Reunification",
      "CFS – Commissioning for the Fut",
      "CFS Targeted Prevention",
      "Independent Travel Training",
      "Procurement and Third Party Spe",
      "Income Maximisation",
      "Resident Focused Organisation",
      "Parameters",
      "_mtfs",
    ]);
    // Modelled rows link to their sheets' MTFS row (cumulative + inflation contingency) with ordinary formulas.
    const cfsRow = wb.getWorksheet("Programme")!.getCell("H13").value as { formula: string };
    expect(cfsRow.formula).toMatch(/^'CFS Targeted Prevention'!J\d+$/);
  });

  it("keeps the previous file as .bak when it overwrites", async () => {
    const out = join(tempDir(), "demo.xlsx");
    writeFileSync(out, "previous");
    expect((await run(["demo", "--out", out])).code).toBe(0);
    expect(readFileSync(`${out}.bak`, "utf8")).toBe("previous");
  });

  it("refuses to overwrite a workbook open in LibreOffice, leaving it untouched", async () => {
    const dir = tempDir();
    const out = join(dir, "open.xlsx");
    writeFileSync(out, "in use");
    writeFileSync(join(dir, ".~lock.open.xlsx#"), "owner");
    const r = await run(["demo", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(out, "utf8")).toBe("in use");
    expect(existsSync(`${out}.bak`)).toBe(false);
  });

  it("rejects an unknown option with exit code 2", async () => {
    expect((await run(["demo", "--bogus"])).code).toBe(2);
  });
});
