import { spawn, spawnSync } from "child_process";
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import JSZip from "jszip";
import { join } from "path";
import { root, run, tempDir } from "./workbookCli";

/**
 * Crash safety of the CLI's write: refresh is killed with SIGKILL at moments spread over its run; the
 * workbook is then always the old file or the complete new one, and FILE.bak (if there) is the whole old
 * file. Runs the built CLI (bin/ → lib/), as a user does; `npm run build:cli` first.
 */

const BIN = join(root, "bin", "mtfs-benefits.js");

/** Every part of an .xlsx except the timestamped core properties, for comparing two saves. */
async function parts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (name === "docProps/core.xml" || zip.files[name].dir) continue;
    out.set(name, await zip.files[name].async("string"));
  }
  return out;
}

function runUntilKilled(file: string, afterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "refresh", file], { stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), afterMs);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

it("leaves the workbook old or new and the backup whole when killed at any moment", async () => {
  expect(fs.existsSync(join(root, "lib", "cli", "index.js"))).toBe(true);
  const dir = tempDir();
  const original = join(dir, "programme.xlsx");
  expect((await run(["demo", "--out", original])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(original);
  const name = wb.definedNames.model.find((n) => n.name === "mtfs_CFSTargetedPrevention_durationWeeks")!;
  wb.getWorksheet("CFS Targeted Prevention")!.getCell(name.ranges[0].split("!")[1].replace(/\$/g, "")).value =
    120;
  await wb.xlsx.writeFile(original);
  const old = fs.readFileSync(original);

  // The complete new file, and how long an uninterrupted refresh takes here.
  const reference = join(tempDir(), "programme.xlsx");
  fs.copyFileSync(original, reference);
  const started = process.hrtime.bigint();
  expect(spawnSync(process.execPath, [BIN, "refresh", reference]).status).toBe(0);
  const fullMs = Number(process.hrtime.bigint() - started) / 1e6;
  const expected = await parts(reference);

  const outcomes = new Set<string>();
  for (const fraction of [0.1, 0.35, 0.6, 0.8, 0.9, 0.97]) {
    const trial = join(tempDir(), "programme.xlsx");
    fs.copyFileSync(original, trial);
    await runUntilKilled(trial, fullMs * (fraction + (Math.random() - 0.5) * 0.1));
    const now = fs.readFileSync(trial);
    if (now.equals(old)) outcomes.add("old");
    else {
      expect(await parts(trial)).toEqual(expected);
      outcomes.add("new");
    }
    const bak = `${trial}.bak`;
    if (fs.existsSync(bak)) expect(fs.readFileSync(bak).equals(old)).toBe(true);
  }
  expect(outcomes.has("old")).toBe(true);
});
