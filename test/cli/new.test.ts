import * as ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { example, run, tempDir } from "./workbookCli";

describe("mtfs-benefits new", () => {
  it("creates the workbook when absent, then adds proposals into their directorate blocks", async () => {
    const file = join(tempDir(), "wb.xlsx");
    const first = await run(["new", "--input", example("cfs-targeted-prevention.json"), "--into", file]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(/^Created .*"CFS Targeted Prevention" and its Programme row/);
    const second = await run(["new", "--input", example("family-based-placements.json"), "--into", file]);
    expect(second.stdout).toMatch(/^Added to/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Programme")!;
    // One Children and Family Services block: two rows, then its subtotal over both.
    expect(ws.getCell("A4").value).toBe("Children and Family Services");
    expect((ws.getCell("E6").value as { formula: string }).formula).toBe("SUM(E4:E5)");
    expect(readFileSync(`${file}.bak`).length).toBeGreaterThan(0);
  });

  it("refuses a second sheet with the same name (exit 2, file untouched)", async () => {
    const file = join(tempDir(), "wb.xlsx");
    await run(["new", "--input", example("cfs-targeted-prevention.json"), "--into", file]);
    const before = readFileSync(file);
    const r = await run(["new", "--input", example("cfs-targeted-prevention.json"), "--into", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already in the workbook/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("reports an invalid proposal as one line naming the field (exit 2)", async () => {
    const dir = tempDir();
    const input = join(dir, "bad.json");
    const raw = JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
    writeFileSync(input, JSON.stringify({ ...raw, assumptions: { ...raw.assumptions, durationWeeks: -3 } }));
    const r = await run(["new", "--input", input, "--into", join(dir, "wb.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^mtfs-benefits: assumptions\.durationWeeks: /);
  });

  it("requires --input and --into", async () => {
    expect((await run(["new", "--into", "x.xlsx"])).code).toBe(2);
    expect((await run(["new", "--input", "x.json"])).code).toBe(2);
  });
});
