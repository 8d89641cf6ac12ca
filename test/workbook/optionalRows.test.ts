import * as ExcelJS from "exceljs";
import { modelProposal } from "../../src/workbook/engineLink";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { getPath } from "../../src/workbook/jsonPath";
import { withOptionalRows } from "../../src/workbook/layouts/assumptionsBlock";
import { EMPTY_PROGRAMME } from "../../src/workbook/layouts/programmeConfig";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import {
  addProposal,
  buildProgrammeWorkbook,
  refreshWorkbook,
  updateProposal,
} from "../../src/workbook/operations";
import { readRegister, type StoredProposal } from "../../src/workbook/register";
import { MODELLED_EXAMPLES, readExample } from "./fixtures";

/**
 * A proposal JSON that leaves an optional field out (the wizard drops blank ones) used to get no row for it,
 * so the user had no cell to fill in later. `new` and the wizard now give each its row, blank (a blank reads
 * as none), while a sheet written before keeps its layout on refresh.
 */

const ITT = "Independent Travel Training";
const OVERLAP_KIND = "assumptions.mtfsOverlap.kind";
const OVERLAP_AMOUNT = "assumptions.mtfsOverlap.amountPerYear";
const ALTERNATIVE = "assumptions.unitCost.alternativeWeeklyCost";

/** Independent Travel Training without its MTFS overlap block (it has no alternative or overlap weekly cost). */
function ittWithoutOverlap(): Record<string, unknown> {
  const raw = readExample("independent-travel-training.json");
  delete raw.assumptions.mtfsOverlap;
  return raw;
}

async function stored(port: ExcelJsPort): Promise<StoredProposal> {
  const s = (await readRegister(port)).proposals.find((p) => p.sheet === ITT);
  if (!s) throw new Error("no ITT sheet");
  return s;
}

/** Input cells of the stored layout by path. */
function inputAt(s: StoredProposal): Map<string, string> {
  return new Map(
    proposalSheetLayout(s).cells.flatMap((c) => (c.kind === "input" && !c.part ? [[c.path, c.address]] : [])),
  );
}

const mtfsRow = (raw: unknown): string[] =>
  modelProposal(raw).profile.years.map((y) => y.mtfsImpact.toFixed(2));

async function newWorkbook(raw: unknown): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  const port = new ExcelJsPort(wb);
  await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
  await addProposal(port, raw);
  return { wb, port };
}

describe("optional fields' rows on a proposal sheet", () => {
  it("gives a left-out optional field a blank row on a sheet `new` writes, with the same figures", async () => {
    const raw = ittWithoutOverlap();
    const { wb, port } = await newWorkbook(raw);
    const s = await stored(port);
    const at = inputAt(s);
    for (const path of [OVERLAP_KIND, OVERLAP_AMOUNT, ALTERNATIVE, "assumptions.unitCost.overlapWeeklyCost"])
      expect([path, at.has(path)]).toEqual([path, true]);
    const ws = wb.getWorksheet(ITT)!;
    // Blank, as a cleared cell: the kind reads none.
    expect(ws.getCell(at.get(OVERLAP_AMOUNT)!).value).toBeNull();
    expect(ws.getCell(at.get(ALTERNATIVE)!).value).toBeNull();
    expect(ws.getCell(at.get(OVERLAP_KIND)!).value).toBe("none");
    expect(mtfsRow(s.proposal)).toEqual(mtfsRow(raw));
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("reads a value typed into the blank row on refresh, and no cell moves", async () => {
    const { wb, port } = await newWorkbook(ittWithoutOverlap());
    const before = inputAt(await stored(port));
    const ws = wb.getWorksheet(ITT)!;
    ws.getCell(before.get(OVERLAP_KIND)!).value = "£ a year";
    ws.getCell(before.get(OVERLAP_AMOUNT)!).value = 20_000;
    const r = await refreshWorkbook(port);
    expect(r.errors).toEqual([]);
    const after = await stored(port);
    expect(getPath(after.proposal, "assumptions.mtfsOverlap")).toEqual({
      kind: "amountPerYear",
      amountPerYear: 20_000,
    });
    expect([...inputAt(after)]).toEqual([...before]);
    // The overlap comes off the MTFS row from its first full year.
    const withOverlap = mtfsRow(after.proposal).map(Number);
    const without = mtfsRow(ittWithoutOverlap()).map(Number);
    expect(withOverlap.some((x, i) => x < without[i])).toBe(true);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("keeps the rows when the wizard's edit leaves the blank fields out again", async () => {
    const raw = ittWithoutOverlap();
    const { port } = await newWorkbook(raw);
    const before = inputAt(await stored(port));
    await updateProposal(port, ITT, raw);
    expect([...inputAt(await stored(port))]).toEqual([...before]);
  });

  it("leaves a sheet written before, without the rows, as it was laid out on refresh", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    // As an older version wrote it: the stored JSON without the fields.
    await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, [ittWithoutOverlap()]);
    const before = inputAt(await stored(port));
    expect(before.has(OVERLAP_AMOUNT)).toBe(false);
    const r = await refreshWorkbook(port);
    expect([r.errors, r.changes]).toEqual([[], []]);
    expect([...inputAt(await stored(port))]).toEqual([...before]);
    // An edit adds none either: a new shape is refused over rows or columns the user inserted.
    await updateProposal(port, ITT, ittWithoutOverlap());
    expect([...inputAt(await stored(port))]).toEqual([...before]);
  });

  it("gives every bundled proposal the same figures with its optional fields blank", () => {
    for (const file of MODELLED_EXAMPLES) {
      const raw = readExample(file);
      expect([file, mtfsRow(withOptionalRows(raw))]).toEqual([file, mtfsRow(raw)]);
    }
  });
});

describe("a single cohort's cashability row", () => {
  const CFS = "CFS Targeted Prevention";
  const CASHABILITY = "assumptions.cashability";
  const kindsOf = (s: StoredProposal) => modelProposal(s.proposal).cashability;
  const cfsStored = async (port: ExcelJsPort): Promise<StoredProposal> =>
    (await readRegister(port)).proposals.find((p) => p.sheet === CFS)!;

  it("gives a new sheet a blank Cashability row read back on refresh, moving the gross to cashable", async () => {
    const raw = readExample("cfs-targeted-prevention.json");
    const { wb, port } = await newWorkbook(raw);
    const before = await cfsStored(port);
    const address = inputAt(before).get(CASHABILITY);
    expect(address).toBeDefined();
    const ws = wb.getWorksheet(CFS)!;
    expect(ws.getCell(address!).value).toBeNull();
    expect(kindsOf(before).every((k) => k.cashable.isZero())).toBe(true);
    // The row's dropdown offers the engine's labels; the code (or its words) reads back as the code.
    ws.getCell(address!).value = "cashable";
    const r = await refreshWorkbook(port);
    expect(r.errors).toEqual([]);
    const after = await cfsStored(port);
    expect(getPath(after.proposal, CASHABILITY)).toBe("cashable");
    const kinds = kindsOf(after);
    expect(kinds.some((k) => !k.cashable.isZero())).toBe(true);
    expect(kinds.every((k) => k.costAvoidance.isZero())).toBe(true);
    expect(mtfsRow(after.proposal)).toEqual(mtfsRow(raw));
    expect([...inputAt(after)]).toEqual([...inputAt(before)]);
  });

  it("keeps a sheet written without the row as it was, at the cohort's default", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, [readExample("cfs-targeted-prevention.json")]);
    const before = await cfsStored(port);
    expect(inputAt(before).has(CASHABILITY)).toBe(false);
    const r = await refreshWorkbook(port);
    expect([r.errors, r.changes]).toEqual([[], []]);
    const after = await cfsStored(port);
    expect(kindsOf(after).every((k) => k.cashable.isZero())).toBe(true);
  });
});
