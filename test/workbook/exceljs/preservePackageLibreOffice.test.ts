import * as ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { join } from "path";
import { sheetParts } from "../../../src/workbook/exceljs/packageXml";
import { example, run, tempDir } from "../../cli/workbookCli";
import { planProposal } from "../../../src/workbook/proposals";
import { demoWorkbook, plain, readExample } from "../fixtures";
import { hasLibreOffice, recalcInLibreOffice } from "../libreoffice";
import {
  CFS,
  definedCell,
  EVERYTHING,
  expectUnownedPartsIdentical,
  typeInPackage,
  userElements,
} from "./packageCompare";
import { USER_SHEET, withUserParts } from "./userParts";

/**
 * A package patched by refresh/new is still a valid workbook: LibreOffice opens it, recalculates it and reads
 * every sheet, the user's charts and pivot table among them. And a workbook LibreOffice saved (its own styles,
 * shared strings and part names) keeps its parts through a refresh.
 */

// Never skipped: without LibreOffice this proof is missing, so the suite fails and says how to install it.
beforeAll(() => {
  if (!hasLibreOffice())
    throw new Error("LibreOffice (soffice) is not installed: run `bash scripts/install-system-deps.sh`");
});

async function loRead(file: string): Promise<{ wb: ExcelJS.Workbook; zip: JSZip }> {
  const out = await recalcInLibreOffice(file);
  const bytes = readFileSync(out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { wb, zip: await JSZip.loadAsync(bytes) };
}

/** CFS's cumulative benefit cells of the MTFS years, where its layout puts them. */
const PROFILE = planProposal(readExample("cfs-targeted-prevention.json"), [])
  .layout.cells.filter((c) => c.kind === "formula" && /^profile\.FY\d\d\/\d\d\.cumulative$/.test(c.key))
  .slice(0, 4)
  .map((c) => c.address);

describe("LibreOffice reads what refresh and new wrote over a user's workbook", () => {
  it("opens the result of new: the new proposal, the user's sheet, pivot table and all charts", async () => {
    const rich = await withUserParts(await (await demoWorkbook()).port.toXlsx(), {
      Programme: EVERYTHING,
      [CFS]: EVERYTHING,
    });
    const file = join(tempDir(), "programme.xlsx");
    writeFileSync(file, rich);
    const input = join(tempDir(), "p.json");
    const raw = JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
    writeFileSync(
      input,
      JSON.stringify({ ...raw, opportunity: { ...raw.opportunity, name: "Kinship Care" } }),
    );
    expect((await run(["new", "--input", input, "--into", file])).code).toBe(0);
    const mine = new ExcelJS.Workbook();
    await mine.xlsx.readFile(file);
    const { wb, zip } = await loRead(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(mine.worksheets.map((w) => w.name));
    expect(plain(wb.getWorksheet(USER_SHEET)!.getCell("B3").value)).toBe(20);
    // Kinship Care is a copy of CFS: LibreOffice's recalculated profile equals the original's.
    const cfs = wb.getWorksheet(CFS)!;
    const copy = wb.getWorksheet("Kinship Care")!;
    for (const a of PROFILE) expect(plain(copy.getCell(a).value)).toBe(plain(cfs.getCell(a).value));
    // 4 profile charts and 4 tornadoes (3 sheets kept, 1 new) and 3 user charts; the pivot table and its cache.
    const names = Object.keys(zip.files);
    expect(names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(11);
    expect(names.some((n) => n.startsWith("xl/pivotTables/"))).toBe(true);
    expect(names.some((n) => n.startsWith("xl/pivotCache/"))).toBe(true);
  });

  it("keeps a LibreOffice-saved workbook's parts through refresh, and LibreOffice opens the result", async () => {
    const rich = await withUserParts(await (await demoWorkbook()).port.toXlsx(), { Programme: EVERYTHING });
    const dir = tempDir();
    writeFileSync(join(dir, "rich.xlsx"), rich);
    const saved = new Uint8Array(readFileSync(await recalcInLibreOffice(join(dir, "rich.xlsx"))));
    const file = join(dir, "programme.xlsx");
    const edited = await typeInPackage(
      saved,
      CFS,
      await definedCell(saved, "mtfs_CFSTargetedPrevention_durationWeeks"),
      120,
    );
    writeFileSync(file, edited);
    const r = await run(["refresh", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/[1-9]\d* cell(?:s|\(s\))? changed/);
    const after = new Uint8Array(readFileSync(file));
    await expectUnownedPartsIdentical(edited, after);
    expect(await userElements(after, "Programme")).toEqual(await userElements(edited, "Programme"));
    const parts = await sheetParts(await JSZip.loadAsync(after));
    expect(parts.get(USER_SHEET)).toBeDefined();
    const mine = new ExcelJS.Workbook();
    await mine.xlsx.load(after as unknown as ArrayBuffer);
    const { wb } = await loRead(file);
    // What refresh wrote is what LibreOffice computes from the edited assumption.
    const ours = mine.getWorksheet(CFS)!;
    const lo = wb.getWorksheet(CFS)!;
    for (const a of PROFILE) {
      const want = plain(ours.getCell(a).value) as number;
      expect(typeof want).toBe("number");
      expect(Math.abs((plain(lo.getCell(a).value) as number) - want)).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(want)),
      );
    }
    expect(plain(wb.getWorksheet(USER_SHEET)!.getCell("B2").value)).toBe(10);
  });
});
