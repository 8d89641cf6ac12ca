import * as ExcelJS from "exceljs";
import { join } from "path";
import { saveWorkbookAtomic } from "../../src/cli/workbookFile";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { tempDir } from "./workbookCli";

/**
 * Nothing is lost on disk: whichever file-system call fails while a workbook is saved, the file stays as it
 * was, the backup stays whole (the previous backup or the previous file) and no temporary file is left.
 */

/** Node's own fs object (a namespace import is a frozen copy of it): the one the CLI's calls reach. */
const fs = jest.requireActual<typeof import("fs")>("fs");

const STEPS = ["openSync", "writeSync", "fsyncSync", "renameSync"] as const;

async function portWith(value: string): Promise<ExcelJsPort> {
  const port = new ExcelJsPort(new ExcelJS.Workbook());
  await port.addSheet("Programme");
  await port.writeCells("Programme", [{ address: "A1", value }]);
  return port;
}

/** What the saved file says (zip timestamps differ between saves of the same workbook). */
async function a1(file: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  return wb.getWorksheet("Programme")?.getCell("A1").value;
}

afterEach(() => jest.restoreAllMocks());

describe("saveWorkbookAtomic when a file-system call fails part-way", () => {
  it("leaves the file and its backup whole, whichever call fails, and says so in one line", async () => {
    const dir = tempDir();
    const file = join(dir, "programme.xlsx");
    await saveWorkbookAtomic(await portWith("first"), file);
    await saveWorkbookAtomic(await portWith("second"), file);
    const third = await portWith("third");
    // Count the calls of one save, then fail each in turn.
    let calls = 0;
    const spies = STEPS.map((name) => {
      const real = fs[name] as (...a: unknown[]) => unknown;
      return jest.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
        calls++;
        return real(...args);
      }) as never);
    });
    await saveWorkbookAtomic(await portWith("second"), file);
    spies.forEach((s) => s.mockRestore());
    expect(calls).toBeGreaterThan(4);
    for (let failAt = 1; failAt <= calls; failAt++) {
      let n = 0;
      for (const name of STEPS) {
        const real = fs[name] as (...a: unknown[]) => unknown;
        jest.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
          if (++n === failAt) throw Object.assign(new Error("i/o error"), { code: "EIO" });
          return real(...args);
        }) as never);
      }
      const err = await saveWorkbookAtomic(third, file).then(
        () => null,
        (e: unknown) => e,
      );
      jest.restoreAllMocks();
      if (err === null) continue; // failed after the rename (syncing the folder): the new file is whole
      expect(err).toMatchObject({ message: `${file}: cannot write (EIO)` });
      expect(await a1(file)).toBe("second");
      expect(["first", "second"]).toContain(await a1(`${file}.bak`));
      expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    }
  });
});
