import * as path from "path";
import * as ExcelJS from "exceljs";
import {
  Decimal,
  flatDeflatorIndex,
  presentValue,
  profileFlows,
  programmeGreenBook,
  realPrices,
  flatSchedule,
} from "../../../src/engine";
import { modelProposal } from "../../../src/workbook/engineLink";
import { fyColumn } from "../../../src/workbook/layouts/programmeSheet";
import { wrappedLines } from "../../../src/workbook/layouts/textFit";
import {
  DISCOUNTED_PAYBACK_CAPTION,
  NOT_PAID_BACK,
  NO_CROSSING,
  NO_RATIO,
} from "../../../src/workbook/layouts/greenBookBlock";
import {
  NPV_CHECK_AFTER_IMPLEMENTATION_CAPTION,
  PAYBACK_AFTER_IMPLEMENTATION_CAPTION,
} from "../../../src/workbook/layouts/programmeGreenBook";
import { EMPTY_PROGRAMME } from "../../../src/workbook/layouts/programmeConfig";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { addProposal, buildProgrammeWorkbook, refreshWorkbook } from "../../../src/workbook/operations";
import { DEFAULT_GREEN_BOOK_PARAMETERS } from "../../../src/workbook/parameters";
import { readRegister } from "../../../src/workbook/register";
import type { ProgrammeConfig } from "../../../src/workbook/layouts/programmeConfig";
import { MODELLED_EXAMPLES, demoWorkbook, plain, programmeConfig, readExample, tempDir } from "../fixtures";
import { hasLibreOffice, recalcInLibreOffice } from "../libreoffice";

/**
 * The Programme's Green Book block after the Resource cost sheet's implementation costs (Table 3): the
 * proposals' own NPV and BCR kept, and under them the implementation costs deflated and discounted by the
 * same rows, NPV and BCR including them. The cells are the engine's (programmeGreenBook), LibreOffice
 * recalculates them to the same, and Excel's NPV() on the same real flows agrees.
 */

const NPV_AFTER = "NPV after implementation costs";
const BCR_AFTER = "Benefit–cost ratio after implementation costs";
const PAYBACK_AFTER = PAYBACK_AFTER_IMPLEMENTATION_CAPTION;
const CHECK_AFTER = NPV_CHECK_AFTER_IMPLEMENTATION_CAPTION;
const PAYBACK_OWN = DISCOUNTED_PAYBACK_CAPTION;
const E = fyColumn(0);

function rowOf(ws: ExcelJS.Worksheet, caption: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (plain(ws.getCell(`A${r}`).value) === caption) return r;
  throw new Error(`no "${caption}"`);
}
const num = (ws: ExcelJS.Worksheet, caption: string, column = E): number =>
  Number(plain(ws.getCell(`${column}${rowOf(ws, caption)}`).value));

/** The engine's programme view from the modelled proposals and Table 3 as typed (the demo's inputs). */
function engineView(config: ProgrammeConfig) {
  const n = config.fyLabels.length;
  const benefits = config.fyLabels.map(() => new Decimal(0));
  const costs = config.fyLabels.map(() => new Decimal(0));
  for (const file of MODELLED_EXAMPLES) {
    const m = modelProposal(readExample(file));
    const flows = profileFlows(m.profile);
    m.profile.years.forEach((y, i) => {
      const j = config.fyLabels.indexOf(y.label);
      if (j < 0) return;
      benefits[j] = benefits[j].plus(flows.benefits[i]);
      costs[j] = costs[j].plus(flows.costs[i]);
    });
  }
  const table3 = config.fyLabels.map((_, y) =>
    y < config.mtfsYears
      ? config.resourceCost.areas.reduce(
          (s, a) => s.plus(new Decimal(a.amountsMillions[y] ?? 0).times(1e6)),
          new Decimal(0),
        )
      : new Decimal(0),
  );
  const index = flatDeflatorIndex(n, DEFAULT_GREEN_BOOK_PARAMETERS.deflatorPerYear);
  return {
    view: programmeGreenBook(
      config.fyLabels.map((label, i) => ({ fy: i, label })),
      benefits,
      costs,
      table3,
      DEFAULT_GREEN_BOOK_PARAMETERS.schedule,
      index,
    ),
    benefits,
    costs,
    table3,
    index,
  };
}

describe("Programme Green Book block after implementation costs", () => {
  it("says the basis of every payback caption on the Programme, Resource cost and Scenarios sheets, on one line", async () => {
    const { wb } = await demoWorkbook();
    // The Programme's paybacks are real and discounted; Table 3's and the Scenarios' are cash and not.
    const bases: Record<string, readonly RegExp[]> = {
      Programme: [/\breal\b/, /discounted/i],
      "Resource cost": [/\bcash\b/, /undiscounted/],
      Scenarios: [/\bcash\b/, /undiscounted/],
    };
    for (const [sheet, basis] of Object.entries(bases)) {
      const ws = wb.getWorksheet(sheet)!;
      const captions: string[] = [];
      for (let r = 1; r <= ws.rowCount; r++) {
        const a = plain(ws.getCell(`A${r}`).value);
        if (typeof a !== "string" || !/^(discounted )?payback/i.test(a)) continue;
        captions.push(a);
        // Where labels wrap (the Scenarios sheet's), the caption fits column A's one line.
        const cell = ws.getCell(`A${r}`);
        const lines = cell.alignment?.wrapText
          ? wrappedLines(a, { width: ws.getColumn(1).width ?? 8.43, bold: cell.font?.bold === true })
          : 1;
        expect([sheet, a, lines]).toEqual([sheet, a, 1]);
      }
      expect([sheet, captions.length > 0]).toEqual([sheet, true]);
      for (const a of captions)
        for (const word of basis) expect([sheet, a]).toEqual([sheet, expect.stringMatching(word)]);
    }
  });

  it("holds the engine's NPV and BCR after Table 3's costs beside the proposals' own", async () => {
    const { wb, port } = await demoWorkbook();
    const ws = wb.getWorksheet("Programme")!;
    expect(((await readRegister(port)).programme as ProgrammeConfig).greenBookImplementation).toBe(true);
    const { view, benefits, costs, table3, index } = engineView(programmeConfig());
    const close = (a: number, b: number): void =>
      expect(Math.abs(a - b)).toBeLessThan(1e-6 * Math.max(1, Math.abs(b)));
    close(num(ws, "Net present value (NPV)"), view.proposals.npv.toNumber());
    close(num(ws, NPV_AFTER), view.withImplementation.npv.toNumber());
    close(num(ws, BCR_AFTER), view.withImplementation.benefitCostRatio!.toNumber());
    close(num(ws, CHECK_AFTER), view.withImplementation.npv.toNumber());
    // Three modelled proposals do not carry Table 3's £28.5m within these years: the words say so.
    expect(view.withImplementation.discountedPayback.kind).toBe("notWithinHorizon");
    expect(plain(ws.getCell(`${E}${rowOf(ws, PAYBACK_AFTER)}`).value)).toBe(NOT_PAID_BACK);
    // Table 3's £28.5m over the MTFS, in present values: the NPV falls by exactly their sum.
    const pvTable3 = presentValue(realPrices(table3, index), DEFAULT_GREEN_BOOK_PARAMETERS.schedule);
    expect(
      view.proposals.npv.minus(view.withImplementation.npv).minus(pvTable3).abs().toNumber(),
    ).toBeLessThan(1e-6);
    expect(pvTable3.toNumber()).toBeGreaterThan(20e6);
    // Each row reads its Table 3 cell and the block's own deflator and discount factors.
    const cash = rowOf(ws, "Implementation costs (cash, Table 3)");
    const f = (c: ExcelJS.Cell): string => (c.value as { formula: string }).formula;
    expect(f(ws.getCell(`${E}${cash}`))).toBe("'Resource cost'!B8");
    expect(f(ws.getCell(`${fyColumn(4)}${cash}`))).toBe("0");
    expect(f(ws.getCell(`${fyColumn(1)}${cash + 2}`))).toMatch(/^F\d+\*F\d+$/);
    // At a flat rate the year-0 convention is Excel's NPV() on years 1.. plus year 0 undiscounted.
    const rate = DEFAULT_GREEN_BOOK_PARAMETERS.schedule[0].rate;
    const net = benefits.map((b, t) => b.minus(costs[t]).minus(table3[t]).times(index[0]).div(index[t]));
    // Excel's NPV(rate, v1..vn) = Σ v_j / (1 + rate)^j, its first value a period out.
    const excelNpv = net
      .slice(1)
      .reduce((s, x, j) => s.plus(x.div(rate.plus(1).pow(j + 1))), new Decimal(0))
      .plus(net[0]);
    expect(excelNpv.minus(view.withImplementation.npv).abs().toNumber()).toBeLessThan(1e-6);
    expect(presentValue(net, flatSchedule(rate)).minus(excelNpv).abs().toNumber()).toBeLessThan(1e-6);
  });

  it("refresh follows a Table 3 cell typed on the Resource cost sheet, then is idempotent", async () => {
    const { wb, port } = await demoWorkbook();
    const ws = wb.getWorksheet("Programme")!;
    const before = num(ws, NPV_AFTER);
    const own = num(ws, "Net present value (NPV)");
    wb.getWorksheet("Resource cost")!.getCell("C3").value =
      Number(plain(wb.getWorksheet("Resource cost")!.getCell("C3").value)) + 1e6;
    expect((await refreshWorkbook(port)).errors).toEqual([]);
    // £1m more in year 1: its present value less, deflated 2% and discounted 3.5%.
    expect(before - num(ws, NPV_AFTER)).toBeCloseTo(1e6 / 1.02 / 1.035, 0);
    expect(num(ws, "Net present value (NPV)")).toBeCloseTo(own, 6);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("pays back later than on the proposals' own costs when Table 3 is small", async () => {
    const { wb, port } = await demoWorkbook();
    const config = programmeConfig();
    const table3 = wb.getWorksheet("Resource cost")!;
    // £0.5m in the first year of the first area, nothing else.
    config.resourceCost.areas.forEach((_, i) =>
      ["B", "C", "D", "E"].forEach((c, y) => {
        table3.getCell(`${c}${3 + i}`).value = i === 0 && y === 0 ? 500_000 : 0;
      }),
    );
    expect((await refreshWorkbook(port)).errors).toEqual([]);
    const ws = wb.getWorksheet("Programme")!;
    const small: ProgrammeConfig = {
      ...config,
      resourceCost: {
        ...config.resourceCost,
        areas: config.resourceCost.areas.map((a, i) => ({
          ...a,
          amountsMillions: [i === 0 ? 0.5 : 0, 0, 0, 0],
        })),
      },
    };
    const payback = engineView(small).view.withImplementation.discountedPayback;
    expect(payback.kind).toBe("paysBack");
    if (payback.kind === "paysBack") expect(num(ws, PAYBACK_AFTER)).toBeCloseTo(payback.years.toNumber(), 9);
    const own = plain(ws.getCell(`${E}${rowOf(ws, PAYBACK_OWN)}`).value);
    expect(num(ws, PAYBACK_AFTER)).toBeGreaterThan(typeof own === "number" ? own : 0);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("reads n/a (no costs) for both paybacks of a programme with no costs, each beside its caption", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
    // Income Maximisation has no costs, and a new workbook's Table 3 is empty.
    const raw = readExample("income-maximisation.json");
    expect(modelProposal(raw).greenBook.pvCosts.isZero()).toBe(true);
    await addProposal(port, raw);
    const ws = wb.getWorksheet("Programme")!;
    const words = (caption: string) => plain(ws.getCell(`${E}${rowOf(ws, caption)}`).value);
    expect([words(PAYBACK_OWN), words(PAYBACK_AFTER)]).toEqual([NO_RATIO, NO_RATIO]);
    expect(words(BCR_AFTER)).toBe(NO_RATIO);
    // The crossings rows say the same as the paybacks: year 0 n/a (no costs), never "within year 0", the
    // later years blank.
    for (const caption of [
      "Payback reached (years, real, discounted)",
      "Payback reached after implementation costs (real, discounted)",
    ]) {
      const r = rowOf(ws, caption);
      const row = [0, 1, 2, 3].map((i) => plain(ws.getCell(`${fyColumn(i)}${r}`).value));
      expect([caption, row]).toEqual([caption, [NO_RATIO, NO_CROSSING, NO_CROSSING, NO_CROSSING]]);
    }
    // Every figure of the block sits on its caption's one line: a caption that wrapped grew its row, and the
    // figure, at the foot of the row, read blank beside it.
    const first = rowOf(ws, "Net present value (NPV)");
    const last = rowOf(ws, CHECK_AFTER);
    for (let r = first; r <= last; r++) {
      if (plain(ws.getCell(`${E}${r}`).value) === null) continue;
      expect([r, ws.getCell(`A${r}`).alignment?.wrapText ?? false]).toEqual([r, false]);
    }
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("LibreOffice recalculates the rows to the engine's figures", async () => {
    if (!hasLibreOffice()) throw new Error("LibreOffice (soffice) is not installed");
    const { wb } = await demoWorkbook();
    const file = path.join(tempDir(), "greenbook.xlsx");
    await wb.xlsx.writeFile(file);
    const lo = new ExcelJS.Workbook();
    await lo.xlsx.readFile(await recalcInLibreOffice(file));
    const ws = lo.getWorksheet("Programme")!;
    const { view } = engineView(programmeConfig());
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    expect(close(num(ws, NPV_AFTER), view.withImplementation.npv.toNumber())).toBe(true);
    expect(close(num(ws, CHECK_AFTER), view.withImplementation.npv.toNumber())).toBe(true);
    expect(close(num(ws, BCR_AFTER), view.withImplementation.benefitCostRatio!.toNumber())).toBe(true);
    expect(plain(ws.getCell(`${E}${rowOf(ws, PAYBACK_AFTER)}`).value)).toBe(NOT_PAID_BACK);
    const pv = rowOf(ws, "Present value of implementation costs");
    view.implementation.forEach((y, i) =>
      expect([
        i,
        close(Number(plain(ws.getCell(`${fyColumn(i)}${pv}`).value)), y.presentValue.toNumber()),
      ]).toEqual([i, true]),
    );
  });
});
