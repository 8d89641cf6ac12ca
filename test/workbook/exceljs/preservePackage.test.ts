import * as ExcelJS from "exceljs";
import fc from "fast-check";
import { readFileSync, writeFileSync } from "fs";
import JSZip from "jszip";
import { join } from "path";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { loadXlsxPreserving } from "../../../src/workbook/exceljs/packageOrigin";
import { parseRels, relsPathOf, resolveTarget, sheetParts } from "../../../src/workbook/exceljs/packageXml";
import { refreshWorkbook } from "../../../src/workbook/operations";
import { example, run, tempDir } from "../../cli/workbookCli";
import { planProposal } from "../../../src/workbook/proposals";
import { demoWorkbook, readExample } from "../fixtures";
import {
  CFS,
  clearInPackage,
  definedCell,
  entries,
  EVERYTHING,
  expectUnownedPartsIdentical,
  noteParts,
  PROPOSALS,
  typeInPackage,
  userElements,
} from "./packageCompare";
import { USER_SHEET, withUserParts, type UserThing } from "./userParts";

let demoBytes: Uint8Array;
beforeAll(async () => {
  demoBytes = await (await demoWorkbook()).port.toXlsx();
});

async function richFile(
  onSheets: Readonly<Record<string, readonly UserThing[]>>,
  top = 1,
): Promise<{ file: string; bytes: Uint8Array }> {
  const bytes = await withUserParts(demoBytes, onSheets, top);
  const file = join(tempDir(), "programme.xlsx");
  writeFileSync(file, bytes);
  return { file, bytes };
}

const ON_PRODUCT_SHEETS = { Programme: EVERYTHING, [CFS]: EVERYTHING };

describe("saving keeps every package part the product does not own", () => {
  it("refresh with nothing to change leaves every part as it was: user charts, pivots, slicers, VBA... stay", async () => {
    const { file, bytes } = await richFile(ON_PRODUCT_SHEETS);
    const r = await run(["refresh", file]);
    expect(r.stdout).toMatch(/ 0 cell(?:s|\(s\))? changed/);
    const after = new Uint8Array(readFileSync(file));
    await expectUnownedPartsIdentical(bytes, after);
    const a = await entries(bytes);
    const b = await entries(after);
    const changed = [...a.keys()].filter((k) => !b.get(k)?.equals(a.get(k) as Buffer));
    const register = (await sheetParts(await JSZip.loadAsync(bytes))).get("_mtfs");
    // Not even the register is written again: the file is left as it was.
    expect(register).toBeDefined();
    expect(changed).toEqual([]);
    const read = async (x: Uint8Array): Promise<ExcelJS.Workbook> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x as unknown as ArrayBuffer);
      return wb;
    };
    const [wa, wb] = [await read(bytes), await read(after)];
    // Every sheet but the register (whose empty strings are inline now, read back as empty cells) reads the same.
    for (const ws of wa.worksheets.filter((w) => w.name !== "_mtfs"))
      expect(JSON.stringify(wb.getWorksheet(ws.name)!.getSheetValues())).toBe(
        JSON.stringify(ws.getSheetValues()),
      );
    expect([...b.keys()].filter((k) => !a.has(k))).toEqual([]);
  });

  it("refresh after an assumption edit rewrites the proposal's cells and keeps the user's things on that sheet", async () => {
    const { file, bytes: rich } = await richFile(ON_PRODUCT_SHEETS);
    const edited = await typeInPackage(
      rich,
      CFS,
      await definedCell(rich, "mtfs_CFSTargetedPrevention_durationWeeks"),
      120,
    );
    writeFileSync(file, edited);
    const r = await run(["refresh", file]);
    expect(r.stdout).toMatch(/[1-9]\d* cell(?:s|\(s\))? changed/);
    const after = new Uint8Array(readFileSync(file));
    await expectUnownedPartsIdentical(edited, after);
    for (const sheet of [CFS, "Programme", USER_SHEET])
      expect(await userElements(after, sheet)).toEqual(await userElements(edited, sheet));
    // The proposal sheet's cells really were rewritten, and ExcelJS (the next refresh) reads the file.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(after as unknown as ArrayBuffer);
    expect(wb.getWorksheet(USER_SHEET)!.getCell("B3").value).toBe(20);
    expect((await run(["refresh", file])).stdout).toMatch(/ 0 cell(?:s|\(s\))? changed/);
  });

  it("refreshing again changes no part at all", async () => {
    const { file, bytes: rich } = await richFile(ON_PRODUCT_SHEETS);
    writeFileSync(
      file,
      await typeInPackage(
        rich,
        CFS,
        await definedCell(rich, "mtfs_CFSTargetedPrevention_durationWeeks"),
        120,
      ),
    );
    await run(["refresh", file]);
    const once = new Uint8Array(readFileSync(file));
    await run(["refresh", file]);
    const a = await entries(once);
    const b = await entries(new Uint8Array(readFileSync(file)));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect([...a.keys()].filter((k) => !b.get(k)!.equals(a.get(k)!))).toEqual([]);
  });

  it("new adds its sheet, chart and Programme row and keeps everything of the user's", async () => {
    const { file, bytes } = await richFile(ON_PRODUCT_SHEETS);
    const dir = tempDir();
    const input = join(dir, "p.json");
    const raw = JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
    writeFileSync(
      input,
      JSON.stringify({ ...raw, opportunity: { ...raw.opportunity, name: "Kinship Care" } }),
    );
    const r = await run(["new", "--input", input, "--into", file]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const after = new Uint8Array(readFileSync(file));
    await expectUnownedPartsIdentical(bytes, after);
    for (const sheet of [CFS, "Programme", USER_SHEET])
      expect(await userElements(after, sheet)).toEqual(await userElements(bytes, sheet));
    const zip = await JSZip.loadAsync(after);
    const part = (await sheetParts(zip)).get("Kinship Care")!;
    const rels = parseRels(await zip.file(relsPathOf(part))!.async("string"));
    expect(rels.some((x) => /mtfsDrawing\d+\.xml$/.test(x.target))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(after as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain("Kinship Care");
  });

  it("keeps the user's comment when the product flags a hand edit with a note on the same sheet", async () => {
    const { file, bytes } = await richFile(ON_PRODUCT_SHEETS);
    writeFileSync(file, await typeInPackage(bytes, "Programme", "H9", 12_000_000));
    const r = await run(["refresh", file]);
    expect(r.stdout).toMatch(/1 hand edit(?:s|\(s\))? kept/);
    const after = new Uint8Array(readFileSync(file));
    // The note goes into that sheet's own comments and VML parts; the user's comment in them is unchanged.
    const [comments, vml] = await noteParts(bytes, "Programme");
    await expectUnownedPartsIdentical(bytes, after, [comments, vml]);
    const zipBefore = await JSZip.loadAsync(bytes);
    const zipAfter = await JSZip.loadAsync(after);
    const userComment = /<comment ref="Q1"[\s\S]*?<\/comment>/.exec(
      await zipBefore.file(comments)!.async("string"),
    )![0];
    const text = await zipAfter.file(comments)!.async("string");
    expect(text).toContain(userComment);
    expect(text).toMatch(/<comment ref="H9"[^>]*>.*edited by hand/);
    const shapes = (await zipAfter.file(vml)!.async("string")).match(/<x:ClientData ObjectType="Note">/g);
    expect(shapes).toHaveLength(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(after as unknown as ArrayBuffer);
    expect(JSON.stringify(wb.getWorksheet("Programme")!.getCell("H9").note)).toMatch(/edited by hand/);
    // The user's drawing, formats and extLst on that sheet are still there.
    const kept = (await userElements(after, "Programme")).join("");
    expect(kept).toMatch(/<drawing target="..\/drawings\/drawingUser\d+\.xml"\/>/);
    expect(kept).toMatch(/<conditionalFormatting.*<dataValidations.*x14:slicerList/);
  });

  it("takes its note back out of the sheet's comments once the hand edit is cleared, leaving the user's", async () => {
    const { file, bytes } = await richFile({ Programme: ["comment"] });
    writeFileSync(file, await typeInPackage(bytes, "Programme", "H9", 12_000_000));
    await run(["refresh", file]);
    writeFileSync(file, await clearInPackage(new Uint8Array(readFileSync(file)), "Programme", "H9"));
    const r = await run(["refresh", file]);
    expect(r.stdout).toMatch(/ 0 hand edit(?:s|\(s\))? kept/);
    const after = new Uint8Array(readFileSync(file));
    const [comments, vml] = await noteParts(bytes, "Programme");
    const zip = await JSZip.loadAsync(after);
    const text = await zip.file(comments)!.async("string");
    expect(text).not.toMatch(/ref="H9"/);
    const userComment = /<comment ref="Q1"[\s\S]*?<\/comment>/.exec(
      await (await JSZip.loadAsync(bytes)).file(comments)!.async("string"),
    )![0];
    expect(text).toContain(userComment);
    expect((await zip.file(vml)!.async("string")).match(/<x:ClientData ObjectType="Note">/g)).toHaveLength(1);
  });

  it("keeps a dynamic-array formula's cell metadata on a rewritten sheet (ExcelJS drops cm)", async () => {
    const { file, bytes } = await richFile({ Programme: ["dynamicArray"] });
    writeFileSync(file, await typeInPackage(bytes, "Programme", "H9", 12_000_000));
    expect((await run(["refresh", file])).code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = await zip.file((await sheetParts(zip)).get("Programme")!)!.async("string");
    expect(xml).toMatch(/<c r="Q5"[^>]* cm="1"[^>]*><f t="array" ref="Q5:Q6">B5:B6<\/f>/);
    expect(xml).toMatch(/<c r="Q6"[^>]*><v>0<\/v><\/c>/);
    // The metadata part it points at is the original's.
    expect(await zip.file("xl/metadata.xml")!.async("string")).toContain("XLDAPR");
  });

  it("moves the user's things below an inserted Programme row down with their cells, as Excel does", async () => {
    const { file, bytes } = await richFile({ Programme: [...EVERYTHING, "table"] }, 30);
    const input = join(tempDir(), "p.json");
    const raw = JSON.parse(readFileSync(example("family-based-placements.json"), "utf8"));
    writeFileSync(
      input,
      JSON.stringify({ ...raw, opportunity: { ...raw.opportunity, name: "Kinship Care" } }),
    );
    expect((await run(["new", "--input", input, "--into", file])).code).toBe(0);
    const after = new Uint8Array(readFileSync(file));
    const zip = await JSZip.loadAsync(after);
    const before = await JSZip.loadAsync(bytes);
    // The fixture's second drawing is the Programme's (the first is on its own sheet).
    const drawing = "xl/drawings/drawingUser2.xml";
    const [comments, vml] = await noteParts(bytes, "Programme");
    // Only the row-anchored parts change, and only by the one inserted row.
    const table = "xl/tables/table92.xml";
    await expectUnownedPartsIdentical(bytes, after, [drawing, comments, vml, table]);
    expect(await zip.file(table)!.async("string")).toContain(
      'ref="Q31:R33" totalsRowShown="0"><autoFilter ref="Q31:R33"/>',
    );
    const shifted = (await userElements(after, "Programme")).join("");
    expect(shifted).toContain('<conditionalFormatting sqref="Q31:Q32">');
    expect(shifted).toContain('sqref="R31"');
    expect(shifted).toContain("<xm:sqref>S31</xm:sqref>");
    expect(shifted).toContain("<xm:f>'Budget notes'!$A$2:$A$3</xm:f>");
    const rows = async (z: JSZip, part: string): Promise<string[]> =>
      [...(await z.file(part)!.async("string")).matchAll(/<xdr:row>(\d+)<\/xdr:row>/g)].map((m) => m[1]);
    expect(await rows(before, drawing)).toEqual(["29", "31", "29", "31"]);
    expect(await rows(zip, drawing)).toEqual(["30", "32", "30", "32"]);
    expect(await zip.file(comments)!.async("string")).toContain('<comment ref="Q31"');
    expect(await zip.file(vml)!.async("string")).toContain("<x:Row>30</x:Row>");
  });

  it("refuses, writing nothing, when inserting a Programme row would leave a user pivot table behind", async () => {
    const { file, bytes } = await richFile({ Programme: ["pivot"] });
    // A proposal of an existing directorate: its row is inserted into that block.
    const dir = tempDir();
    const input = join(dir, "p.json");
    const raw = JSON.parse(readFileSync(example("family-based-placements.json"), "utf8"));
    writeFileSync(
      input,
      JSON.stringify({ ...raw, opportunity: { ...raw.opportunity, name: "Kinship Care" } }),
    );
    const refused = await run(["new", "--input", input, "--into", file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /cannot save without losing the position of the pivot tables on sheet "Programme".*nothing was written/,
    );
    expect(readFileSync(file).equals(Buffer.from(bytes))).toBe(true);
  });

  it("sets, changes and removes the product's dropdowns in place beside the user's validations", async () => {
    const rich = await withUserParts(demoBytes, { [CFS]: ["validation"] });
    const validations = async (bytes: Uint8Array): Promise<string> =>
      (await userElements(bytes, CFS)).find((x) => x.startsWith("<dataValidations"))!;
    // Where CFS's lever and target kind are (below its texts, which may take several rows each).
    const at = (path: string): string =>
      planProposal(readExample("cfs-targeted-prevention.json"), []).layout.cells.find(
        (c) => c.kind === "input" && c.path === path,
      )!.address;
    const lever = at("assumptions.lever");
    const kind = at("assumptions.target.kind");
    const before = await validations(rich);
    const userItem = /<dataValidation [^>]*sqref="R1"[\s\S]*?<\/dataValidation>/.exec(before)![0];
    const wb = new ExcelJS.Workbook();
    await loadXlsxPreserving(wb, rich);
    const port = new ExcelJsPort(wb);
    // The lever gets other choices, the target kind loses its dropdown, Q9 gets a new one.
    await port.setListValidations(CFS, [
      { address: lever, choices: ["entry", "exit", "both"], label: "Lever" },
      { address: kind, choices: [] },
      { address: "Q9", choices: ["High", "Low"], label: "Mine" },
    ]);
    const now = await validations(await port.toXlsx());
    const count = (x: string): number => Number(/count="(\d+)"/.exec(x)![1]);
    expect(count(now)).toBe(count(before));
    expect(now).toContain(userItem);
    expect(now).toContain(`sqref="${lever}"><formula1>&quot;entry,exit,both&quot;`);
    expect(now).not.toContain(`sqref="${kind}"`);
    expect(now).toMatch(/sqref="Q9"><formula1>&quot;High,Low&quot;/);
    // The other dropdowns are the original's, in their places.
    const items = (x: string): string[] =>
      [...x.matchAll(/<dataValidation [\s\S]*?<\/dataValidation>/g)].map((m) => m[0]);
    const kept = items(before).filter(
      (x) => !x.includes(`sqref="${lever}"`) && !x.includes(`sqref="${kind}"`),
    );
    expect(items(now).filter((x) => kept.includes(x))).toEqual(kept);
  });

  it("holds for any mix of user things on the Programme and a proposal sheet (property)", async () => {
    const things = fc.subarray<UserThing>([...EVERYTHING, "table", "pivot"]);
    await fc.assert(
      fc.asyncProperty(
        things,
        things,
        fc.constantFrom(...PROPOSALS),
        async (onProgramme, onProposal, proposal) => {
          const rich = await withUserParts(demoBytes, { Programme: onProgramme, [proposal]: onProposal });
          const edited = await typeInPackage(rich, "Programme", "H9", 7_000_000);
          const wb = new ExcelJS.Workbook();
          await loadXlsxPreserving(wb, edited);
          const port = new ExcelJsPort(wb);
          await refreshWorkbook(port);
          const after = await port.toXlsx();
          await expectUnownedPartsIdentical(edited, after, await noteParts(edited, "Programme"));
          for (const sheet of ["Programme", proposal, USER_SHEET])
            expect(await userElements(after, sheet)).toEqual(await userElements(edited, sheet));
          // Every relationship of every part still points at a part in the package.
          const zip = await JSZip.loadAsync(after);
          for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".rels")))
            for (const rel of parseRels(await zip.file(name)!.async("string")))
              if (!rel.external) {
                const source = name.replace("_rels/", "").replace(/\.rels$/, "");
                const target = resolveTarget(source, rel.target);
                expect(zip.file(target) ? target : `${name} -> ${rel.target} missing`).toBe(target);
              }
        },
      ),
      { numRuns: 8 },
    );
  });
});
