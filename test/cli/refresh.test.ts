import * as ExcelJS from "exceljs";
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "fs";
import { join } from "path";
import { run, tempDir } from "./workbookCli";

async function demo(): Promise<string> {
  const file = join(tempDir(), "programme.xlsx");
  await run(["demo", "--out", file]);
  return file;
}

describe("mtfs-benefits refresh", () => {
  it("reports no change on a fresh workbook; a refresh that changes nothing leaves it and its .bak", async () => {
    const file = await demo();
    // The demo's own workbook is already what refresh would write: not even the register is rewritten.
    const written = readFileSync(file);
    const first = await run(["refresh", file]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(
      /^11 proposals: 11 refreshed, 0 failed; 0 cells changed, 0 hand edits kept, 0 warnings\.$/m,
    );
    expect(first.stdout).toMatch(
      new RegExp(`^no changes; ${file.replace(/[.\\]/g, "\\$&")} not rewritten$`, "m"),
    );
    expect(readFileSync(file).equals(written)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
    // A backup from an earlier rewrite stays the one it was, and so does the file.
    writeFileSync(`${file}.bak`, "an earlier version");
    const stamp = new Date("2026-01-02T03:04:05Z");
    for (const f of [file, `${file}.bak`]) utimesSync(f, stamp, stamp);
    const before = [readFileSync(file), readFileSync(`${file}.bak`)];
    expect((await run(["refresh", file])).stdout).toMatch(/no changes; .* not rewritten/);
    expect([readFileSync(file).equals(before[0]), readFileSync(`${file}.bak`).equals(before[1])]).toEqual([
      true,
      true,
    ]);
    for (const f of [file, `${file}.bak`]) expect(statSync(f).mtime.getTime()).toBe(stamp.getTime());
  });

  it("counts only proposals as refreshed or failed, and names the programme's problem after them", async () => {
    const file = await demo();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    // The names of CFS's profile rows 40 and 41 gone, as when the user deletes those rows.
    const deleted = /^_mtfs_at_CFSTargetedPrevention_[0-9a-z]+_r4[01]$/;
    wb.definedNames.model = wb.definedNames.model.filter((n) => !deleted.test(n.name));
    await wb.xlsx.writeFile(file);
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /^11 proposals: 10 refreshed, 1 failed \(CFS Targeted Prevention\); problems reported for the programme; 0 cells changed/m,
    );
    expect(r.stderr).toMatch(
      /^mtfs-benefits: \(programme\): Programme!G13 links to 'CFS Targeted Prevention'!J40 as laid out/m,
    );
  });

  it("rewrites the file with a backup when a cell changed", async () => {
    const file = await demo();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const name = wb.definedNames.model.find((n) => n.name === "mtfs_CFSTargetedPrevention_durationWeeks")!;
    const address = name.ranges[0].split("!")[1].replace(/\$/g, "");
    wb.getWorksheet("CFS Targeted Prevention")!.getCell(address).value = 120;
    await wb.xlsx.writeFile(file);
    const before = readFileSync(file);
    const r = await run(["refresh", file]);
    expect(r.stdout).not.toMatch(/not rewritten/);
    expect(readFileSync(`${file}.bak`).equals(before)).toBe(true);
    expect(readFileSync(file).equals(before)).toBe(false);
  });

  it("prints the changes after an assumption edit; --dry-run leaves the file as it was", async () => {
    const file = await demo();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const name = wb.definedNames.model.find((n) => n.name === "mtfs_CFSTargetedPrevention_durationWeeks")!;
    const address = name.ranges[0].split("!")[1].replace(/\$/g, "");
    wb.getWorksheet("CFS Targeted Prevention")!.getCell(address).value = 120;
    await wb.xlsx.writeFile(file);
    const before = readFileSync(file);
    const dry = await run(["refresh", file, "--dry-run"]);
    expect(dry.code).toBe(0);
    // Headlines first, then counts per block of the sheet; --verbose lists each cell by caption and address.
    expect(dry.stdout).toMatch(/^CFS Targeted Prevention — quantified opportunity: £1\.10m → £[\d.]+m; /m);
    expect(dry.stdout).toMatch(
      /^ {2}Benefits profile over the MTFS: \d+ cells; .*Green Book view: \d+ cells/m,
    );
    expect(dry.stdout).not.toMatch(/\(CFS Targeted Prevention!C\d+\)/);
    expect(dry.stdout.split("\n").length).toBeLessThan(15);
    const verbose = await run(["refresh", file, "--dry-run", "--verbose"]);
    expect(verbose.stdout).toMatch(
      /^ {2}Cumulative benefit FY29\/30: £1\.10m → £[\d.]+m {2}\(CFS Targeted Prevention!C\d+\)$/m,
    );
    expect(verbose.stdout).not.toMatch(/greenBook\.|sensitivity\.|riskAdjusted/);
    expect(dry.stdout).toMatch(/would change.*dry run: file not changed/);
    expect(readFileSync(file).equals(before)).toBe(true);
    const real = await run(["refresh", file]);
    expect(real.stdout).toMatch(/[1-9]\d* cells changed/);
    expect((await run(["refresh", file])).stdout).toMatch(/ 0 cells changed/);
  });

  it.each([
    ["missing", (dir: string) => join(dir, "nope.xlsx"), /file not found/],
    [
      "not a workbook",
      (dir: string) => {
        const f = join(dir, "notes.xlsx");
        writeFileSync(f, "just text");
        return f;
      },
      /not an \.xlsx workbook/,
    ],
    [
      "corrupt",
      (dir: string) => {
        const f = join(dir, "broken.xlsx");
        writeFileSync(f, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]));
        return f;
      },
      /not a readable \.xlsx workbook/,
    ],
  ])("refuses a %s file with one line and exit code 2", async (_kind, make, message) => {
    const dir = tempDir();
    const file = make(dir);
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("refuses a workbook that Excel has open (owner file ~$…) and leaves it untouched", async () => {
    const file = await demo();
    const before = readFileSync(file);
    const owner = join(file, "..", "~$ogramme.xlsx");
    writeFileSync(owner, "owner");
    const r = await run(["refresh", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is open in a spreadsheet application/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
