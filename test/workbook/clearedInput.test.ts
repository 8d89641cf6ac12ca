import fc from "fast-check";
import { modelProposal } from "../../src/workbook/engineLink";
import type { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { getPath, setPath } from "../../src/workbook/jsonPath";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { refreshWorkbook } from "../../src/workbook/operations";
import { movedInput } from "../../src/workbook/proposals";
import { readRegister, type StoredProposal } from "../../src/workbook/register";
import { demoWorkbook } from "./fixtures";

/**
 * A cleared assumption cell (the new-user trial cleared "Weekly cost that overlaps" on CFS Targeted
 * Prevention): the read-back proposal dropped the field, its table lost a row, and refresh wrote every block
 * below one row too high, so the next refresh refused the sheet as "rows deleted". A blank now reads as the
 * field absent to the engine while the field keeps its row, so the layout never moves.
 */

const OVERLAP = "assumptions.unitCost.overlapWeeklyCost";

async function storedSheet(port: ExcelJsPort, sheet: string): Promise<StoredProposal> {
  const stored = (await readRegister(port)).proposals.find((p) => p.sheet === sheet);
  if (!stored) throw new Error(`no proposal sheet ${sheet}`);
  return stored;
}

/** Where each cell of a sheet's layout sits, by what it is (an input's path, an engine key, a label's text). */
function positions(stored: StoredProposal): string[] {
  return proposalSheetLayout(stored)
    .cells.map((c) => {
      const what = c.kind === "input" ? c.path : c.kind === "engine" ? c.key : c.kind;
      return `${c.address} ${c.kind} ${what}`;
    })
    .sort();
}

/** Clears one input cell of a proposal sheet, refreshes twice, and returns what the two refreshes did. */
async function clearAndRefresh(port: ExcelJsPort, stored: StoredProposal, path: string) {
  const input = proposalSheetLayout(stored).cells.find((c) => c.kind === "input" && c.path === path);
  if (!input) throw new Error(`no input cell for ${path}`);
  await port.writeCells(stored.sheet, [{ address: input.address, value: null }]);
  const first = await refreshWorkbook(port);
  const second = await refreshWorkbook(port);
  return { first, second, after: await storedSheet(port, stored.sheet) };
}

/** The sheet's label cells as laid out read back as their text (no block was written over them). */
async function labelsInPlace(port: ExcelJsPort, stored: StoredProposal): Promise<void> {
  const labels = proposalSheetLayout(stored).cells.filter((c) => c.kind === "label");
  const read = await port.readCells(
    stored.sheet,
    labels.map((c) => c.address),
  );
  labels.forEach((c, i) => {
    if (c.kind !== "label") return;
    expect({ address: c.address, formula: read[i].formula }).toEqual({
      address: c.address,
      formula: undefined,
    });
  });
}

describe("clearing an assumption cell", () => {
  it("the overlapping weekly cost cleared reads as none; the tornado stays at its laid-out rows and a second refresh changes nothing", async () => {
    const { port } = await demoWorkbook();
    const sheet = (await readRegister(port)).proposals.find(
      (p) => getPath(p.proposal, OVERLAP) !== undefined,
    );
    if (!sheet) throw new Error("no demo proposal has an overlapping weekly cost");
    await refreshWorkbook(port);
    const before = await storedSheet(port, sheet.sheet);
    const { first, second, after } = await clearAndRefresh(port, before, OVERLAP);
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
    expect(second.changes).toEqual([]);
    expect(getPath(after.proposal, OVERLAP)).toBeNull();
    // As typed 0 would: the figures of a proposal with no overlapping cost.
    const typedZero = modelProposal(setPath(before.proposal, OVERLAP, 0));
    expect(modelProposal(after.proposal).profile.years.map((y) => y.mtfsImpact.toString())).toEqual(
      typedZero.profile.years.map((y) => y.mtfsImpact.toString()),
    );
    expect(positions(after).filter((p) => !/ label /.test(p))).toEqual(
      positions(before).filter((p) => !/ label /.test(p)),
    );
    const tornadoHeading = (s: StoredProposal) =>
      proposalSheetLayout(s).cells.find((c) => c.kind === "label" && c.text === "Input (moved alone)")
        ?.address;
    expect(tornadoHeading(after)).toBe(tornadoHeading(before));
    const [heading] = await port.readCells(after.sheet, [tornadoHeading(after) ?? "A1"]);
    expect(heading.value).toBe("Input (moved alone)");
    await labelsInPlace(port, after);
  });

  it("any one optional input cleared: no block moves and refresh is then idempotent", async () => {
    const { port: probe } = await demoWorkbook();
    const sheet = (await readRegister(probe)).proposals.find(
      (p) => getPath(p.proposal, OVERLAP) !== undefined,
    );
    if (!sheet) throw new Error("no demo proposal has an overlapping weekly cost");
    // Optional: the engine models the proposal without it (a required one is refused, naming its path).
    const optional = proposalSheetLayout(sheet)
      .cells.flatMap((c) => (c.kind === "input" && c.path.startsWith("assumptions.") ? [c.path] : []))
      .filter((path) => {
        try {
          modelProposal(setPath(sheet.proposal, path, null));
          return true;
        } catch {
          return false;
        }
      });
    expect(optional.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...optional), async (path) => {
        const { port } = await demoWorkbook();
        const before = await storedSheet(port, sheet.sheet);
        const { first, second, after } = await clearAndRefresh(port, before, path);
        expect(first.errors).toEqual([]);
        expect(second.errors).toEqual([]);
        expect(second.changes).toEqual([]);
        expect(positions(after).filter((p) => !/ label /.test(p))).toEqual(
          positions(before).filter((p) => !/ label /.test(p)),
        );
      }),
      { numRuns: 4 },
    );
  });
});

describe("movedInput", () => {
  it("names an input whose row a re-laid-out sheet would drop, and says nothing of an unchanged layout", async () => {
    const { port } = await demoWorkbook();
    const stored = (await readRegister(port)).proposals.find(
      (p) => getPath(p.proposal, OVERLAP) !== undefined,
    );
    if (!stored) throw new Error("no demo proposal has an overlapping weekly cost");
    const layout = proposalSheetLayout(stored);
    const cell = layout.cells.find((c) => c.kind === "input" && c.path === OVERLAP);
    // The field dropped from the JSON, as a blank read back before the fix.
    const unitCost = { ...(getPath(stored.proposal, "assumptions.unitCost") as Record<string, unknown>) };
    delete unitCost.overlapWeeklyCost;
    const dropped = proposalSheetLayout({
      ...stored,
      proposal: setPath(stored.proposal, "assumptions.unitCost", unitCost),
    });
    expect(movedInput(layout, dropped)).toContain(`(${cell?.address}) would lose its row`);
    expect(movedInput(dropped, layout)).toMatch(/would (move|take a new row)/);
    expect(
      movedInput(
        layout,
        proposalSheetLayout({ ...stored, proposal: setPath(stored.proposal, OVERLAP, null) }),
      ),
    ).toBeUndefined();
  });
});
