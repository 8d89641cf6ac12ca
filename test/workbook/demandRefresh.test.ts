import fc from "fast-check";
import * as path from "path";
import { readFileSync } from "fs";
import { decimalCalculator, parseDemandModel, projectDemand } from "../../src/engine";
import { writeDemandSheet } from "../../src/workbook/demand";
import { demandSheetJson } from "../../src/workbook/layouts/demandSheet";
import type { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { refreshWorkbook } from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import * as fs from "fs";
import JSZip from "jszip";
import { demoWorkbook, formulaCells, plain, roundTrip, tempDir } from "./fixtures";
import { hasLibreOffice, recalcInLibreOffice } from "./libreoffice";

// The Demand sheet is registered like the other sheets: refresh recomputes it from its named input cells.

const json = JSON.parse(
  readFileSync(path.join(__dirname, "../../examples/national-children-in-care-500k.json"), "utf8"),
);
const model = parseDemandModel(json);

async function workbook(): Promise<ExcelJsPort> {
  const { wb, port } = await demoWorkbook();
  await writeDemandSheet(port, model, projectDemand(model, decimalCalculator));
  return (await roundTrip(wb)).port;
}

/** The address of the input cell captioned `label` (inputs are captioned in column P, valued in Q). */
async function inputAt(port: ExcelJsPort, label: string): Promise<string> {
  const rows = await port.readUsedRange("Demand");
  const r = rows.findIndex((row) => row[15]?.value === label);
  if (r < 0) throw new Error(`no input ${label}`);
  return `Q${r + 1}`;
}
const value = async (port: ExcelJsPort, address: string) =>
  plain((await port.readCells("Demand", [address]))[0].value);

describe("Demand sheet refresh", () => {
  it("registers the sheet: its model and owned cells are in the register, and a refresh changes nothing", async () => {
    const port = await workbook();
    const reg = await readRegister(port);
    expect(reg.demand?.map((d) => d.sheet)).toEqual(["Demand"]);
    expect([...reg.owned.values()].filter((o) => o.sheet === "Demand").length).toBeGreaterThan(100);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("recomputes the figures from the input cells, leaving labels and inputs alone", async () => {
    const port = await workbook();
    const stock = await inputAt(port, "Stock at the end of the base year");
    const entriesLever = await inputAt(port, "Entries lever (change)");
    await port.writeCells("Demand", [
      { address: stock, value: 600 },
      { address: entriesLever, value: -0.3 },
      { address: "A2", value: "Our own note" },
    ]);
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([]);
    const changed = new Set(report.changes.filter((c) => c.sheet === "Demand").map((c) => c.key));
    expect(changed.has("demand.FY35/36.withImpactSpend")).toBe(true);
    expect(changed.has("demand.FY24/25.doNothingSpend")).toBe(true);
    // The sheet holds the scaled model with its derived unit cost and exit rate (demandSheetJson).
    const sheetJson = demandSheetJson(model) as { levers: object };
    const expected = projectDemand(
      parseDemandModel({ ...sheetJson, stock: 600, levers: { ...sheetJson.levers, entriesChange: -0.3 } }),
      decimalCalculator,
    );
    const last = expected.years[expected.years.length - 1];
    expect(await value(port, "D16")).toBeCloseTo(last.withImpact.spend.toNumber(), 2);
    expect(await value(port, stock)).toBe(600);
    expect(await value(port, "A2")).toBe("Our own note");
    // The register keeps the model the sheet now holds.
    const stored = (await readRegister(port)).demand![0].model as { stock: number };
    expect(stored.stock).toBe(600);
  });

  it("links the Programme's Total ER Savings beside the demand pressure", async () => {
    const port = await workbook();
    const rows = await port.readUsedRange("Demand");
    const r = rows.findIndex((row) => row[15]?.value === "FY26/27");
    expect(r).toBeGreaterThan(0);
    const [pressure, savings, after] = await port.readCells("Demand", [
      `Q${r + 1}`,
      `R${r + 1}`,
      `S${r + 1}`,
    ]);
    expect(savings.formula).toMatch(/^'Programme'!E\d+$/);
    const programmeTotal = (await port.readCells("Programme", [savings.formula!.split("!")[1]]))[0].value;
    expect(savings.value).toBe(programmeTotal);
    expect(pressure.formula).toBe("C7-B7");
    expect(after.formula).toBe(`Q${r + 1}-R${r + 1}`);
  });

  it("names the field when an input is refused, and keeps the figures", async () => {
    const port = await workbook();
    const before = await value(port, "D16");
    await port.writeCells("Demand", [
      { address: await inputAt(port, "Exit rate (share of the stock a year)"), value: 3 },
    ]);
    const report = await refreshWorkbook(port);
    expect(report.errors).toEqual([
      {
        proposal: "Demand",
        message: expect.stringMatching(/^Demand!Q\d+ Exit rate \(share of the stock a year\): must be/),
      },
    ]);
    expect(await value(port, "D16")).toBe(before);
  });

  it("is idempotent: after any inputs, a second refresh changes nothing (property)", async () => {
    const port = await workbook();
    const stock = await inputAt(port, "Stock at the end of the base year");
    const rate = await inputAt(port, "Exit rate (share of the stock a year)");
    const budget = await inputAt(port, "Budget in the base year (£)");
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer({ min: 1_000_000, max: 200_000_000 }),
        async (s, r, b) => {
          await port.writeCells("Demand", [
            { address: stock, value: s },
            { address: rate, value: r },
            { address: budget, value: b },
          ]);
          const first = await refreshWorkbook(port);
          expect(first.errors).toEqual([]);
          expect((await refreshWorkbook(port)).changes).toEqual([]);
        },
      ),
      { numRuns: 5 },
    );
  });

  it("recalculates in LibreOffice, the ER savings block included, to the engine's values", async () => {
    if (!hasLibreOffice()) throw new Error("LibreOffice (soffice) is not installed");
    const { wb, port } = await demoWorkbook();
    await writeDemandSheet(port, model, projectDemand(model, decimalCalculator));
    const file = path.join(tempDir(), "demand-programme.xlsx");
    fs.writeFileSync(file, await port.toXlsx());
    const zip = await JSZip.loadAsync(fs.readFileSync(await recalcInLibreOffice(file)));
    // The Demand sheet's part, through the workbook's relationships (LibreOffice renumbers the parts).
    const book = await zip.file("xl/workbook.xml")!.async("string");
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    const rid = /<sheet name="Demand"[^>]*r:id="([^"]+)"/.exec(book)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(
      rels,
    )!;
    const xml = await zip.file(`xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, "")}`)!.async("string");
    const valueAt = (address: string): number | undefined => {
      const m = new RegExp(`<c r="${address}"[^>]*>(?:<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>`).exec(xml);
      return m ? Number(m[1]) : undefined;
    };
    const cells = formulaCells(wb).filter(([sheet]) => sheet === "Demand");
    expect(cells.some(([, , f]) => f.startsWith("'Programme'!"))).toBe(true);
    const mismatches = cells.flatMap(([, address, formula, engine]) => {
      const got = valueAt(address);
      const ok =
        typeof engine === "number" &&
        typeof got === "number" &&
        Math.abs(got - engine) <= 1e-6 * Math.max(1, Math.abs(engine));
      return ok ? [] : [`${address} =${formula}: engine ${engine}, LibreOffice ${got}`];
    });
    expect(mismatches).toEqual([]);
  }, 180_000);
});
