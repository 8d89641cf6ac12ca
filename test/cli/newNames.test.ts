import * as ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { example, run, tempDir } from "./workbookCli";

/** `new` with proposal names that make awkward sheet or defined names (issue 12). */

function proposalNamed(dir: string, name: string): string {
  const raw = JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
  const file = join(dir, `${Buffer.from(name).toString("hex")}.json`);
  writeFileSync(file, JSON.stringify({ ...raw, opportunity: { ...raw.opportunity, name } }));
  return file;
}

async function definedNames(file: string): Promise<{ name: string; ranges: string[] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.definedNames.model as unknown as { name: string; ranges: string[] }[];
}

describe("mtfs-benefits new: sheet and defined names", () => {
  it("keeps one proposal from breaking another whose name slugs alike", async () => {
    const dir = tempDir();
    const file = join(dir, "wb.xlsx");
    expect(
      (await run(["new", "--input", proposalNamed(dir, "CFS Targeted Prevention"), "--into", file])).code,
    ).toBe(0);
    const second = await run([
      "new",
      "--input",
      proposalNamed(dir, "CFS Targeted-Prevention"),
      "--into",
      file,
    ]);
    expect(second).toMatchObject({ code: 0, stderr: "" });
    const names = await definedNames(file);
    for (const n of names) expect([n.name, n.ranges.length]).toEqual([n.name, 1]);
    expect(new Set(names.map((n) => n.name.toLowerCase())).size).toBe(names.length);
    const refresh = await run(["refresh", file]);
    expect(refresh).toMatchObject({ code: 0, stderr: "" });
    expect(refresh.stdout).not.toMatch(/missing|inserted or deleted/);
  });

  it('adds a proposal named "History" (a sheet name Excel reserves) under another sheet name', async () => {
    const dir = tempDir();
    const file = join(dir, "wb.xlsx");
    const r = await run(["new", "--input", proposalNamed(dir, "History"), "--into", file]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toContain("History (proposal)");
  });

  it("writes a name with a NUL character as the same sheet it registers, so refresh finds it", async () => {
    const dir = tempDir();
    const file = join(dir, "wb.xlsx");
    expect((await run(["new", "--input", proposalNamed(dir, "CFS\u0000Pilot"), "--into", file])).code).toBe(
      0,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toContain("CFS Pilot");
    const refresh = await run(["refresh", file]);
    expect(refresh).toMatchObject({ code: 0, stderr: "" });
    expect(refresh.stdout).not.toMatch(/missing/);
  });
});
