import * as ExcelJS from "exceljs";
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { placeAddress } from "../../src/workbook/anchors";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import type { ProgrammeConfig } from "../../src/workbook/layouts/programmeConfig";
import {
  addProposal,
  refreshWorkbook,
  updateProposal,
  type RefreshReport,
} from "../../src/workbook/operations";
import { placeSheets } from "../../src/workbook/placing";
import { programmeLayouts } from "../../src/workbook/programme";
import { readRegister, REGISTER_SHEET } from "../../src/workbook/register";
import { demoWorkbook, plain, readExample, tempDir } from "./fixtures";
import { hasUno, startUno, type StructureEdit, type UnoOffice } from "./uno/uno";

/**
 * The structure-edit round trip (issue 12 §1): rows and columns inserted or deleted in LibreOffice, as a user
 * would, then refresh. Refresh must write only the cells it owns, where they have moved to; owned formulas
 * must still recalculate (in LibreOffice) to the engine's figures; nothing may be taken for a hand edit; and
 * where a laid-out row or column is gone, that sheet is refused and nothing is written on it.
 */

const ITT = "Independent Travel Training";
const CFS = "CFS Targeted Prevention";

let office: UnoOffice;
let baseline: { file: string; owned: Map<string, unknown> };

beforeAll(async () => {
  // Never skipped: without LibreOffice's UNO bridge this proof is missing.
  if (!hasUno())
    throw new Error(
      "LibreOffice with python3-uno is not installed: run `bash scripts/install-system-deps.sh`",
    );
  office = startUno();
  const { port } = await demoWorkbook();
  const dir = tempDir("mtfs-struct-");
  const file = path.join(dir, "demo.xlsx");
  fs.writeFileSync(file, Buffer.from(await port.workbook.xlsx.writeBuffer()));
  baseline = { file, owned: await ownedValues(port) };
});

afterAll(() => office?.stop());

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  return wb;
}

/** Every cell of every visible sheet: "sheet!A1" → value and formula. */
function snapshot(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  wb.eachSheet((ws) => {
    if (ws.name === REGISTER_SHEET) return;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as { formula?: string } | null;
        const formula = v && typeof v === "object" && "formula" in v ? v.formula : undefined;
        const value = plain(cell.value);
        if (formula === undefined && (value === null || value === "")) return;
        out.set(`${ws.name}!${cell.address}`, JSON.stringify([formula ?? null, value]));
      }),
    );
  });
  return out;
}

/** Where the register's owned cells are now: layout key "sheet!layoutAddress" → current "sheet!address". */
async function ownedPlaces(port: ExcelJsPort): Promise<Map<string, string>> {
  const reg = await readRegister(port);
  const layouts = [
    ...reg.proposals.map((s) => proposalSheetLayout(s)),
    ...programmeLayouts(reg.programme as ProgrammeConfig),
  ];
  const { placements } = await placeSheets(port, layouts);
  const out = new Map<string, string>();
  for (const [key, o] of reg.owned) {
    const p = placements.get(o.sheet);
    if (p) out.set(key, `${o.sheet}!${placeAddress(p, o.address)}`);
  }
  // The status cells are written too.
  for (const l of layouts) {
    const p = placements.get(l.sheet);
    if (p && l.statusAddress) out.set(`status:${l.sheet}`, `${l.sheet}!${placeAddress(p, l.statusAddress)}`);
  }
  return out;
}

/** Each owned cell's value, by its layout key (so values can be compared wherever the cells moved). */
async function ownedValues(port: ExcelJsPort): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const [key, at] of await ownedPlaces(port)) {
    if (key.startsWith("status:")) continue;
    const [sheet, address] = [at.slice(0, at.lastIndexOf("!")), at.slice(at.lastIndexOf("!") + 1)];
    out.set(key, plain((port.workbook.getWorksheet(sheet)!.getCell(address).value as unknown) ?? null));
  }
  return out;
}

const close = (a: unknown, b: unknown): boolean =>
  typeof a === "number" && typeof b === "number"
    ? Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b))
    : (a ?? 0) === (b ?? 0) || (a === null && b === 0) || (a === 0 && b === null);

interface Outcome {
  readonly report: RefreshReport;
  /** Cells that changed although refresh does not own them (where they are now). */
  readonly strayWrites: string[];
  /** Owned cells whose value differs from the unedited workbook's, or that LibreOffice recalculates otherwise. */
  readonly wrongValues: string[];
  /** Sheets refresh refused. */
  readonly refused: string[];
  readonly refreshed: ExcelJS.Workbook;
  readonly recalculated: ExcelJS.Workbook;
}

/** Applies `edits` in LibreOffice, refreshes the result and recalculates it in LibreOffice again. */
async function editAndRefresh(edits: readonly StructureEdit[]): Promise<Outcome> {
  const dir = tempDir("mtfs-struct-");
  const edited = path.join(dir, "edited.xlsx");
  await office.edit(baseline.file, edited, edits);
  const wb = await load(edited);
  const before = snapshot(wb);
  const port = new ExcelJsPort(wb);
  const report = await refreshWorkbook(port);
  const after = snapshot(wb);
  const places = await ownedPlaces(port);
  const owned = new Set(places.values());
  const refused = report.errors.map((e) => e.proposal);
  const strayWrites = [...new Set([...before.keys(), ...after.keys()])].filter(
    (k) => before.get(k) !== after.get(k) && !owned.has(k),
  );
  const now = await ownedValues(port);
  const changed = [...now]
    .filter(([key, v]) => !close(v, baseline.owned.get(key)))
    .map(([key, v]) => `${key}: ${String(v)}, was ${String(baseline.owned.get(key))}`);
  const { disagreements, recalculated } = await recalculatedOwned(port);
  return {
    report,
    strayWrites,
    wrongValues: [...changed, ...disagreements],
    refused,
    refreshed: wb,
    recalculated,
  };
}

/** Saves the workbook, has LibreOffice recalculate it, and lists owned cells whose result differs from the cached one. */
async function recalculatedOwned(
  port: ExcelJsPort,
): Promise<{ disagreements: string[]; recalculated: ExcelJS.Workbook }> {
  const dir = tempDir("mtfs-struct-");
  const refreshedFile = path.join(dir, "refreshed.xlsx");
  fs.writeFileSync(refreshedFile, Buffer.from(await port.workbook.xlsx.writeBuffer()));
  const recalculatedFile = path.join(dir, "recalculated.xlsx");
  await office.edit(refreshedFile, recalculatedFile, [{ op: "recalculate" }]);
  const recalculated = await load(recalculatedFile);
  const now = await ownedValues(port);
  const disagreements: string[] = [];
  for (const [key, at] of await ownedPlaces(port)) {
    if (key.startsWith("status:")) continue;
    const sheet = at.slice(0, at.lastIndexOf("!"));
    const address = at.slice(at.lastIndexOf("!") + 1);
    const lo = plain((recalculated.getWorksheet(sheet)!.getCell(address).value as unknown) ?? null);
    if (!close(lo, now.get(key)))
      disagreements.push(
        `${key} at ${at}: LibreOffice recalculates ${String(lo)}, cached ${String(now.get(key))}`,
      );
  }
  return { disagreements, recalculated };
}

function expectFollowed(o: Outcome): void {
  expect(o.report.errors).toEqual([]);
  expect(o.strayWrites).toEqual([]);
  expect(o.wrongValues).toEqual([]);
  // Nothing was taken for a hand edit, and nothing needed rewriting: the values did not change.
  expect(o.report.changes).toEqual([]);
}

/** A cell's own value (null for the hidden part of a merged cell, which ExcelJS reads as the merge's value). */
function value(wb: ExcelJS.Workbook, sheet: string, address: string): unknown {
  const cell = wb.getWorksheet(sheet)!.getCell(address);
  return cell.master.address === cell.address ? plain((cell.value as unknown) ?? null) : null;
}

describe("refresh after rows and columns are inserted in LibreOffice", () => {
  it("follows a row inserted inside the Programme's rows: the blank row stays blank, totals stay right", async () => {
    const o = await editAndRefresh([{ sheet: "Programme", op: "insertRows", at: 10, count: 1 }]);
    expectFollowed(o);
    const row10 = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map((c) =>
      value(o.refreshed, "Programme", `${c}10`),
    );
    expect(row10.every((v) => v === null)).toBe(true);
  });

  it("follows a column inserted at E on the Programme (a user's RAG column stays blank)", async () => {
    const o = await editAndRefresh([{ sheet: "Programme", op: "insertColumns", at: 5, count: 1 }]);
    expectFollowed(o);
    for (let r = 1; r <= 40; r++) expect(value(o.refreshed, "Programme", `E${r}`)).toBeNull();
  });

  it("follows a column inserted at G on a proposal sheet (the user's column gets no avoided events)", async () => {
    const o = await editAndRefresh([{ sheet: ITT, op: "insertColumns", at: 7, count: 1 }]);
    expectFollowed(o);
    for (let r = 1; r <= 120; r++) expect(value(o.refreshed, ITT, `G${r}`)).toBeNull();
  });

  it("follows rows and columns inserted on Resource cost and Themes", async () => {
    const o = await editAndRefresh([
      { sheet: "Resource cost", op: "insertRows", at: 4, count: 1 },
      { sheet: "Resource cost", op: "insertColumns", at: 3, count: 1 },
      { sheet: "Themes", op: "insertRows", at: 4, count: 2 },
      { sheet: "Themes", op: "insertColumns", at: 1, count: 1 },
    ]);
    expectFollowed(o);
  });

  it("refuses a sheet whose laid-out row was deleted, writing nothing on it", async () => {
    const o = await editAndRefresh([{ sheet: CFS, op: "deleteRows", at: 1, count: 1 }]);
    expect(o.refused).toEqual([CFS]);
    expect(o.report.errors[0].message).toMatch(/deleted or moved/);
    expect(o.strayWrites).toEqual([]);
    expect(o.report.changes).toEqual([]);
  });
});

describe("refresh after a proposal's own column is deleted in LibreOffice", () => {
  it("refuses the sheet, and the programme whose row for it now shows #REF!, writing nothing", async () => {
    const o = await editAndRefresh([{ sheet: CFS, op: "deleteColumns", at: 3, count: 1 }]);
    expect(o.refused).toEqual([CFS, "(programme)"]);
    expect(o.report.errors[1].message).toMatch(
      /^Programme!E27 links to 'CFS Targeted Prevention'!C59 as laid out, which was deleted/,
    );
    expect(o.strayWrites).toEqual([]);
    expect(o.report.changes).toEqual([]);
  });

  it("refuses the programme whose Confidence cell for it now shows #REF! (its confidence row deleted)", async () => {
    // Row 9 holds the sheet's confidence level, which the Programme's Confidence column links to.
    const o = await editAndRefresh([{ sheet: CFS, op: "deleteRows", at: 9, count: 1 }]);
    expect(o.refused).toEqual([CFS, "(programme)"]);
    expect(o.strayWrites).toEqual([]);
    expect(o.report.changes).toEqual([]);
  });
});

describe("adding, updating and old workbooks after structure edits", () => {
  it("adds a proposal's Programme row where its directorate's block is now", async () => {
    const dir = tempDir("mtfs-struct-");
    const edited = path.join(dir, "edited.xlsx");
    await office.edit(baseline.file, edited, [
      { sheet: "Programme", op: "insertRows", at: 2, count: 2 },
      { sheet: "Programme", op: "insertColumns", at: 5, count: 1 },
    ]);
    const wb = await load(edited);
    const port = new ExcelJsPort(wb);
    const cfs = readExample("cfs-targeted-prevention.json");
    await addProposal(port, { ...cfs, opportunity: { ...cfs.opportunity, name: "Second CFS" } });
    const programme = wb.getWorksheet("Programme")!;
    let added = 0;
    programme.eachRow((row, r) => {
      if (plain(row.getCell(2).value) === "Second CFS") added = r;
    });
    // The new row is last in its directorate's block, just above the subtotal; the user's column stays blank.
    expect(added).toBeGreaterThan(0);
    expect(plain(programme.getCell(`A${added + 1}`).value)).toMatch(/ER savings$/i);
    for (let r = 1; r <= 40; r++) expect(value(wb, "Programme", `E${r}`)).toBeNull();
    const { disagreements } = await recalculatedOwned(port);
    expect(disagreements).toEqual([]);
    const again = await refreshWorkbook(port);
    expect([again.errors, again.changes]).toEqual([[], []]);
  });

  it("updates a proposal on a sheet with a column inserted inside its tables", async () => {
    const dir = tempDir("mtfs-struct-");
    const edited = path.join(dir, "edited.xlsx");
    await office.edit(baseline.file, edited, [{ sheet: ITT, op: "insertColumns", at: 7, count: 1 }]);
    const wb = await load(edited);
    const port = new ExcelJsPort(wb);
    const itt = readExample("independent-travel-training.json");
    const before = await ownedValues(port);
    await updateProposal(port, ITT, {
      ...itt,
      assumptions: { ...itt.assumptions, durationWeeks: Number(itt.assumptions.durationWeeks) * 2 },
    });
    for (let r = 1; r <= 120; r++) expect(value(wb, ITT, `G${r}`)).toBeNull();
    const after = await ownedValues(port);
    expect([...after].some(([k, v]) => k.startsWith(`${ITT}!`) && !close(v, before.get(k)))).toBe(true);
    const { disagreements } = await recalculatedOwned(port);
    expect(disagreements).toEqual([]);
  });

  it("anchors a workbook written before anchoring on its first refresh, then follows inserts", async () => {
    const { port } = await demoWorkbook();
    const anchors = (await port.listNames()).map((n) => n.name).filter((n) => n.startsWith("_mtfs_at_"));
    await port.deleteNames(anchors);
    expect((await port.listNames()).some((n) => n.name.startsWith("_mtfs_at_"))).toBe(false);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
    expect((await port.listNames()).filter((n) => n.name.startsWith("_mtfs_at_")).length).toBe(
      anchors.length,
    );
    const dir = tempDir("mtfs-struct-");
    const old = path.join(dir, "old.xlsx");
    fs.writeFileSync(old, Buffer.from(await port.workbook.xlsx.writeBuffer()));
    const edited = path.join(dir, "edited.xlsx");
    await office.edit(old, edited, [{ sheet: "Programme", op: "insertRows", at: 10, count: 1 }]);
    const report = await refreshWorkbook(new ExcelJsPort(await load(edited)));
    expect([report.errors, report.changes]).toEqual([[], []]);
  });
});

/** Rows/columns around and between the owned blocks of the demo's sheets. */
const SHEETS: readonly { readonly sheet: string; readonly rows: number; readonly columns: number }[] = [
  { sheet: "Programme", rows: 26, columns: 14 },
  { sheet: "Resource cost", rows: 14, columns: 8 },
  { sheet: "Themes", rows: 12, columns: 6 },
  { sheet: CFS, rows: 90, columns: 12 },
];

/** Every sheet of the demo over its whole extent, for STRUCTURE_WIDE=1 explorations (CI keeps SHEETS). */
const WIDE: typeof SHEETS = [
  { sheet: "Programme", rows: 56, columns: 15 },
  { sheet: "Resource cost", rows: 12, columns: 8 },
  { sheet: "Themes", rows: 11, columns: 6 },
  { sheet: "Scenarios", rows: 39, columns: 7 },
  { sheet: CFS, rows: 135, columns: 13 },
  { sheet: ITT, rows: 137, columns: 13 },
  { sheet: "Parameters", rows: 28, columns: 4 },
];
const EDITED = process.env.STRUCTURE_WIDE ? WIDE : SHEETS;

const PROGRAMME_SHEETS = ["Programme", "Resource cost", "Themes", "Scenarios"];

/** The sheets refresh wrote nothing on: each refused one, the programme's, or all when nothing was refreshed. */
function refusedSheets(o: Outcome): string[] {
  if (o.report.errors.some((e) => /nothing was refreshed/.test(e.message)))
    return o.refreshed.worksheets.map((ws) => ws.name);
  return o.refused.flatMap((s) => (s === "(programme)" ? PROGRAMME_SHEETS : [s]));
}

const editArb: fc.Arbitrary<StructureEdit> = fc
  .record({
    s: fc.integer({ min: 0, max: EDITED.length - 1 }),
    op: fc.constantFrom<StructureEdit["op"]>("insertRows", "deleteRows", "insertColumns", "deleteColumns"),
    count: fc.integer({ min: 1, max: 2 }),
  })
  .chain(({ s, op, count }) => {
    const { sheet, rows, columns } = EDITED[s];
    const span = op.endsWith("Rows") ? rows : columns;
    return fc.integer({ min: 1, max: span }).map((at): StructureEdit => ({ sheet, op, at, count }));
  });

it("writes no cell outside the blocks it owns after random inserts and deletes (property, LibreOffice)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(editArb, { minLength: 1, maxLength: Number(process.env.STRUCTURE_EDITS ?? 3) }),
      async (edits) => {
        const o = await editAndRefresh(edits);
        expect(o.strayWrites).toEqual([]);
        // Refused sheets are not written, so their figures are the unedited ones; the rest must be right.
        const refused = refusedSheets(o);
        expect(o.wrongValues.filter((w) => !refused.some((s) => w.startsWith(`${s}!`)))).toEqual([]);
        // Nothing taken for a hand edit, nothing rewritten: inserting and deleting rows changes no figure.
        expect(o.report.changes).toEqual([]);
      },
    ),
    // A fixed seed so that CI runs the same 4 cases every time; STRUCTURE_SEED=random (or a number) and
    // STRUCTURE_RUNS explore further; the cases they found are the explicit tests below. 4, not 8: each case is
    // two LibreOffice round trips (edit, then recalculate), about half this suite's time at 8.
    {
      numRuns: Number(process.env.STRUCTURE_RUNS ?? 4),
      ...(process.env.STRUCTURE_SEED === "random"
        ? {}
        : { seed: Number(process.env.STRUCTURE_SEED ?? 20261201) }),
    },
  );
}, 600_000);

it("refuses the programme sheets when a proposal row the Programme links to is deleted (the property's seeds)", async () => {
  // The Programme's Green Book block sums that block's cells, which LibreOffice turns to #REF!.
  for (const edits of [
    [{ sheet: CFS, op: "deleteRows", at: 59, count: 1 }],
    // The row of its time to full run rate, which the Programme links in column D.
    [{ sheet: CFS, op: "deleteRows", at: 10, count: 2 }],
    // Its cashability split's rows, with a Programme row inserted above everything.
    [
      { sheet: CFS, op: "deleteRows", at: 75, count: 2 },
      { sheet: "Programme", op: "insertRows", at: 1, count: 1 },
    ],
  ] as const) {
    const o = await editAndRefresh(edits);
    expect(o.strayWrites).toEqual([]);
    expect(o.refused).toEqual(expect.arrayContaining([CFS, "(programme)"]));
    expect(o.report.changes).toEqual([]);
  }
}, 240_000);

// Found by the property above at a random seed: LibreOffice revives a reference to a deleted row when rows are
// then inserted above it, so the Programme's links to the deleted profile rows pointed at other rows (no #REF!
// to see) and the Scenarios sheet was rewritten from them. Links are now checked against the register.
it("refuses the programme sheets when their links point at a refused proposal's deleted rows, even without #REF!", async () => {
  const o = await editAndRefresh([
    { sheet: CFS, op: "deleteRows", at: 40, count: 2 },
    { sheet: CFS, op: "insertRows", at: 1, count: 2 },
  ]);
  expect(o.refused).toEqual([CFS, "(programme)"]);
  expect(o.report.errors[1].message).toMatch(
    /^Programme!G13 links to 'CFS Targeted Prevention'!J40 as laid out, which was deleted \(and \d+ more cells/,
  );
  expect(o.strayWrites).toEqual([]);
  const refused = refusedSheets(o);
  expect(o.wrongValues.filter((w) => !refused.some((s) => w.startsWith(`${s}!`)))).toEqual([]);
  expect(o.report.changes).toEqual([]);
}, 120_000);

it("writes nothing when the Parameters cells that every sheet's formulas use were deleted (a wide exploration's seed)", async () => {
  // Rows 26 and 27 hold the deflator a year: MTFS_DeflatorPerYear points at #REF!.
  const o = await editAndRefresh([{ sheet: "Parameters", op: "deleteRows", at: 26, count: 2 }]);
  expect(o.report.errors).toEqual([
    {
      proposal: "(parameters)",
      message: expect.stringMatching(
        /deflator a year \(MTFS_DeflatorPerYear\) were deleted.*nothing was refreshed$/,
      ),
    },
  ]);
  expect(o.strayWrites).toEqual([]);
  expect(o.report.changes).toEqual([]);
}, 120_000);
