import fc from "fast-check";
import * as ExcelJS from "exceljs";
import {
  Decimal,
  COST_AVOIDANCE_NOTE,
  discountedPaybackText,
  flatDeflatorIndex,
  greenBookView,
  paybackCrossings,
  profileFlows,
} from "../../../src/engine";
import { modelProposal } from "../../../src/workbook/engineLink";
import { proposalSheetLayout } from "../../../src/workbook/layouts/proposalSheet";
import { PARAMETERS_SHEET } from "../../../src/workbook/layouts/parametersSheet";
import { fyColumn, programmePositions } from "../../../src/workbook/layouts/programmeSheet";
import {
  CROSSING_FORMAT,
  GREEN_BOOK_STEPS,
  NO_CROSSING,
  PAYBACK_YEARS_FORMAT,
} from "../../../src/workbook/layouts/greenBookBlock";
import { greenBookFigures, programmeGreenBookCells } from "../../../src/workbook/layouts/programmeGreenBook";
import { PAYBACK_FORMAT, type LayoutCell } from "../../../src/workbook/layouts/types";
import { addProposal, buildProgrammeWorkbook, refreshWorkbook } from "../../../src/workbook/operations";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { EMPTY_PROGRAMME } from "../../../src/workbook/layouts/programmeConfig";
import { DEFAULT_GREEN_BOOK_PARAMETERS, readOptimismBiasTable } from "../../../src/workbook/parameters";
import { readRegister } from "../../../src/workbook/register";
import { demoWorkbook, plain, programmeConfig, readExample } from "../fixtures";
import { MULTI_STREAM_NAME, multiStreamProposal } from "../multiStream";

/** The Green Book block and the cashability split on the proposal sheet and the Programme (issue 14, items 5, 6). */

const CFS = "CFS Targeted Prevention";
const FYS = ["FY26/27", "FY27/28", "FY28/29", "FY29/30", "FY30/31", "FY31/32"];

const num = (wb: ExcelJS.Workbook, sheet: string, address: string): number => {
  const v = plain(wb.getWorksheet(sheet)?.getCell(address).value);
  return typeof v === "number" ? v : 0;
};

/** The cached value of the layout's cell with `key`. */
function cached(cells: readonly LayoutCell[], key: string): unknown {
  const c = cells.find((x) => (x.kind === "engine" || x.kind === "formula") && x.key === key);
  return c && (c.kind === "engine" || c.kind === "formula") ? c.value : undefined;
}

/** A row of the Programme whose column A says `caption` (the block sits below rows that move). */
function rowOf(wb: ExcelJS.Workbook, sheet: string, caption: string): number {
  const ws = wb.getWorksheet(sheet)!;
  for (let r = 1; r <= ws.rowCount; r++) if (plain(ws.getCell(`A${r}`).value) === caption) return r;
  throw new Error(`no row "${caption}" on ${sheet}`);
}

describe("proposal sheet Green Book block", () => {
  it("states the year-0 convention and reads the profile and the Parameters names in standard formulas", () => {
    const raw = readExample("cfs-targeted-prevention.json");
    const modelled = modelProposal(raw);
    const layout = proposalSheetLayout({
      sheet: CFS,
      proposal: raw,
      fyLabels: FYS,
      modelled,
      assumptionsInWords: true,
      greenBook: true,
    });
    const at = layout.greenBook!;
    const formulaOf = (address: string) => {
      const c = layout.cells.find((x) => x.address === address);
      return c?.kind === "formula" ? c.formula : undefined;
    };
    const labels = layout.cells.flatMap((c) => (c.kind === "label" ? [c.text] : []));
    expect(labels.some((t) => t.startsWith("Year 0 = FY26/27 (discount factor 1: not discounted)"))).toBe(
      true,
    );
    expect(formulaOf(at.npvByExcel!)).toMatch(/\+NPV\(INDEX\(MTFS_DiscountRates,1\),/);
    const second = at.byFy.get("FY27/28")!.benefits.slice(1);
    expect(formulaOf(`D${second}`)).toBe("100*(1+MTFS_DeflatorPerYear)^1");
    expect(formulaOf(`G${second}`)).toBe(`G${Number(second) - 1}/(1+INDEX(MTFS_DiscountRates,1))`);
    // Cash benefits are the MTFS row plus costs of the profile row of the same FY.
    const mtfs = layout.mtfsRowAddress.get("FY27/28")!;
    expect(formulaOf(at.byFy.get("FY27/28")!.benefits)).toBe(`${mtfs}+E${mtfs.slice(1)}`);
    // The cached results agree with the profile rows' own cached figures, worked out here independently:
    // real = cash ÷ 1.02^t (the default deflator), discounted by 1.035^t (years 0–30).
    const money = (address: string): number => {
      const c = layout.cells.find((x) => x.address === address);
      return c?.kind === "formula" || c?.kind === "engine" ? (c.value as number) : NaN;
    };
    const flows = FYS.map((fy) => {
      const j = layout.mtfsRowAddress.get(fy)!;
      const costs = money(`E${j.slice(1)}`);
      return { benefits: money(j) + costs, costs };
    });
    const pv = (pick: (x: (typeof flows)[number]) => number): number =>
      flows.reduce((s, x, t) => s + pick(x) / (1.02 * 1.035) ** t, 0);
    const npv = pv((x) => x.benefits) - pv((x) => x.costs);
    expect(Math.abs(npv)).toBeGreaterThan(1000);
    for (const key of ["greenBook.npv", "greenBook.npvByExcel"])
      expect(cached(layout.cells, key) as number).toBeCloseTo(npv, 4);
    expect(cached(layout.cells, "greenBook.pvBenefits") as number).toBeCloseTo(
      pv((x) => x.benefits),
      4,
    );
    expect(cached(layout.cells, "greenBook.pvCosts") as number).toBeCloseTo(
      pv((x) => x.costs),
      4,
    );
    FYS.forEach((fy, t) =>
      expect(cached(layout.cells, `greenBook.${fy}.pvBenefits`) as number).toBeCloseTo(
        flows[t].benefits / (1.02 * 1.035) ** t,
        4,
      ),
    );
    const payback = modelled.greenBook.discountedPayback;
    expect(cached(layout.cells, "greenBook.discountedPayback")).toBe(
      payback.kind === "paysBack" ? payback.years.toNumber() : "not within the profile's years",
    );
  });

  it("gives a proposal with no costs n/a for its payback, as for its ratio, not 0 years", () => {
    const raw = readExample("reablement.json");
    const modelled = modelProposal(raw);
    expect(modelled.greenBook.pvCosts.isZero()).toBe(true);
    const layout = proposalSheetLayout({
      sheet: "Reablement",
      proposal: raw,
      fyLabels: modelled.profile.years.map((y) => y.label),
      modelled,
      assumptionsInWords: true,
      greenBook: true,
    });
    expect(cached(layout.cells, "greenBook.discountedPayback")).toBe("n/a (no costs)");
    const cell = layout.cells.find((c) => c.kind === "formula" && c.key === "greenBook.discountedPayback");
    expect(cell?.kind === "formula" && cell.formula).toMatch(
      /^IF\(AND\(.*<=0,MIN\(.*\)>=0\),"n\/a \(no costs\)",/,
    );
    // Every payback cell says so: the crossings row's year 0 too (not "within year 0"), the later years blank.
    const crossings = layout.cells.flatMap((c) =>
      c.kind === "formula" && c.key.endsWith(".paybackCrossing") ? [c] : [],
    );
    expect(crossings.map((c) => c.value)).toEqual(
      crossings.map((_, t) => (t === 0 ? "n/a (no costs)" : NO_CROSSING)),
    );
    expect(crossings[0].formula).toMatch(/^IF\(AND\(SUM\(.*\)<=0,MIN\(.*\)>=0\),"n\/a \(no costs\)",IF\(/);
  });

  it("formats a payback of 0 as 'within year 0', on a proposal sheet and the Programme alike", () => {
    const raw = readExample("cfs-targeted-prevention.json");
    const modelled = modelProposal(raw);
    const layout = proposalSheetLayout({
      sheet: CFS,
      proposal: raw,
      fyLabels: modelled.profile.years.map((y) => y.label),
      modelled,
      assumptionsInWords: true,
      greenBook: true,
    });
    const cell = layout.cells.find((c) => c.kind === "formula" && c.key === "greenBook.discountedPayback");
    expect(cell?.numberFormat).toBe(PAYBACK_YEARS_FORMAT);
    // The zero section words it; other paybacks keep "4.7 years".
    expect(PAYBACK_YEARS_FORMAT).toBe(`[=0]"within year 0";${PAYBACK_FORMAT}`);
    expect(CROSSING_FORMAT.split(";")[2]).toBe('"within year 0"');
  });

  it("shows the discounted payback to the decimals the CLI prints it with, for every example that pays back", () => {
    // The format's fixed decimals (0.0 → 1) rounding the cached years must read as discountedPaybackText does.
    const decimals = /^0\.(0*) "years"$/.exec(PAYBACK_FORMAT)?.[1].length;
    expect(decimals).toBeDefined();
    const examples = [
      "cfs-targeted-prevention.json",
      "family-based-placements.json",
      "independent-travel-training.json",
      "cfs-commissioning-for-the-future.json",
      "maximising-independence-for-working-age-adults.json",
    ];
    for (const file of examples) {
      const raw = readExample(file);
      const modelled = modelProposal(raw);
      const layout = proposalSheetLayout({
        sheet: "P",
        proposal: raw,
        fyLabels: modelled.profile.years.map((y) => y.label),
        modelled,
        assumptionsInWords: true,
        greenBook: true,
      });
      const years = cached(layout.cells, "greenBook.discountedPayback");
      expect(typeof years).toBe("number");
      const shown = new Decimal(years as number).toFixed(decimals ?? 0);
      const printed = discountedPaybackText(modelled.greenBook).split(" ")[0];
      expect([file, Number(shown)]).toEqual([file, Number(printed)]);
    }
  });

  it("keeps what cost avoidance is as a fixed line under the split, whatever the streams' labels", () => {
    // A note that came and went would write cells beside the split which, on a sheet written before, may hold
    // the user's own typing; the line is the engine's one sentence, as calc profile and the pane say it.
    for (const file of ["cfs-targeted-prevention.json", "procurement-and-third-party-spend.json"]) {
      const raw = readExample(file);
      const modelled = modelProposal(raw);
      const layout = proposalSheetLayout({
        sheet: "P",
        proposal: raw,
        fyLabels: modelled.profile.years.map((y) => y.label),
        modelled,
        assumptionsInWords: true,
        greenBook: true,
      });
      const split = layout.cells.flatMap((c) =>
        c.kind === "engine" && /^cashability\..*\.costAvoidance$/.test(c.key) ? [c] : [],
      );
      const row = (a: string): number => Number(a.replace(/^[A-Z]+/, ""));
      const line = layout.cells.filter((c) => c.kind === "label" && c.text === COST_AVOIDANCE_NOTE);
      expect(line.map((c) => c.address)).toEqual([`A${row(split[split.length - 1].address) + 1}`]);
    }
  });

  it("lays out the same steps, in the same order, as the Programme's block", () => {
    const raw = readExample("cfs-targeted-prevention.json");
    const layout = proposalSheetLayout({
      sheet: CFS,
      proposal: raw,
      fyLabels: FYS,
      modelled: modelProposal(raw),
      assumptionsInWords: true,
      greenBook: true,
    });
    const captions = GREEN_BOOK_STEPS.map((s) => s.caption);
    const header = Number(layout.greenBook!.byFy.get(FYS[0])!.benefits.slice(1)) - 1;
    const headerRow = "ABCDEFGHIJKL".split("").map((c) => {
      const cell = layout.cells.find((x) => x.address === `${c}${header}`);
      return cell?.kind === "label" ? cell.text : undefined;
    });
    expect(headerRow).toEqual(["FY", ...captions]);
    const programme = programmeGreenBookCells(programmeConfig(), 30, fyColumn, undefined, undefined);
    const rowCaptions = programme.flatMap((c) => (c.kind === "label" ? [c.text] : []));
    const first = rowCaptions.indexOf(captions[0]);
    expect(rowCaptions.slice(first, first + captions.length)).toEqual(captions);
  });

  it("gives the Programme each FY's cashability by label, whatever the split's length or order", () => {
    const modelled = modelProposal(readExample("cfs-targeted-prevention.json"));
    const full = greenBookFigures(modelled);
    // A split that lacks the first FY and runs backwards: figures stay with their FY, a missing one is 0.
    const figures = greenBookFigures({ ...modelled, cashability: modelled.cashability.slice(1).reverse() });
    const [first, ...rest] = modelled.profile.years.map((y) => y.label);
    expect([...figures.keys()]).toEqual([first, ...rest]);
    expect(figures.get(first)).toEqual({
      ...full.get(first)!,
      cashable: 0,
      costAvoidance: 0,
      nonCashable: 0,
    });
    rest.forEach((fy) => expect(figures.get(fy)).toEqual(full.get(fy)));
    modelled.cashability.forEach((c) => {
      const f = full.get(c.label)!;
      expect(f.cashable + f.costAvoidance + f.nonCashable).toBeCloseTo(
        c.cashable.plus(c.costAvoidance).plus(c.nonCashable).toNumber(),
        6,
      );
    });
    expect(rest.some((fy) => full.get(fy)!.costAvoidance !== 0)).toBe(true);
  });

  it("splits every FY's gross by cashability label, and the split sums to the profile's gross (property)", () => {
    const kinds = fc.constantFrom("cashable", "costAvoidance", "nonCashable");
    fc.assert(
      fc.property(fc.array(kinds, { minLength: 3, maxLength: 3 }), (labels) => {
        const raw = multiStreamProposal() as { assumptions: { streams: Record<string, unknown>[] } };
        const streams = raw.assumptions.streams.map((s, i) => ({
          ...s,
          cashability: labels[i % labels.length],
        }));
        const proposal = { ...raw, assumptions: { ...raw.assumptions, streams } };
        const modelled = modelProposal(proposal);
        const fyLabels = modelled.profile.years.map((y) => y.label);
        const layout = proposalSheetLayout({
          sheet: MULTI_STREAM_NAME,
          proposal,
          fyLabels,
          modelled,
          assumptionsInWords: true,
          greenBook: true,
        });
        fyLabels.forEach((fy) => {
          const part = (k: string) => cached(layout.cells, `cashability.${fy}.${k}`) as number;
          const total = part("total");
          expect(part("cashable") + part("costAvoidance") + part("nonCashable")).toBeCloseTo(total, 6);
          expect(total).toBeCloseTo(cached(layout.cells, `profile.${fy}.gross`) as number, 6);
        });
        // Cost avoidance is never shown without its label.
        const headings = layout.cells.flatMap((c) => (c.kind === "label" ? [c.text] : []));
        expect(headings).toContain("Cost avoidance (not a budget reduction)");
      }),
      { numRuns: 12 },
    );
  });

  it("the MAX of the payback column, when the running NPV ends non-negative, is the engine's discounted payback, whatever the flows (property)", () => {
    const money = fc.integer({ min: -1000, max: 1000 }).map((x) => new Decimal(x));
    fc.assert(
      fc.property(fc.array(fc.tuple(money, money), { minLength: 1, maxLength: 8 }), (years) => {
        const benefits = years.map(([b]) => b.abs());
        const costs = years.map(([, c]) => c.abs());
        const view = greenBookView(
          years.map((_, i) => ({ fy: 2026 + i, label: `Y${i}` })),
          benefits,
          costs,
        );
        const pvs = view.years.map((y) => y.presentValue);
        const crossings = paybackCrossings(pvs).filter((x): x is Decimal => x !== undefined);
        const ends = pvs.reduce((a, x) => a.plus(x), new Decimal(0));
        const payback = view.discountedPayback;
        // As the sheet's formula: not paid back when the running NPV ends below zero, else the last crossing.
        if (payback.kind === "paysBack") {
          expect(ends.gte(0)).toBe(true);
          expect(Decimal.max(...crossings).toNumber()).toBeCloseTo(payback.years.toNumber(), 12);
        } else expect(ends.lt(0)).toBe(true);
      }),
    );
  });
});

describe("Green Book figures in a workbook", () => {
  it("the Programme's block is the engine's view of the proposals' summed flows, and its split adds up", async () => {
    const { wb, port } = await demoWorkbook();
    const config = programmeConfig();
    const sheets = (await readRegister(port)).proposals;
    expect(sheets.every((s) => s.greenBook === true)).toBe(true);
    const benefits = config.fyLabels.map(() => new Decimal(0));
    const costs = config.fyLabels.map(() => new Decimal(0));
    for (const file of [
      "cfs-targeted-prevention.json",
      "family-based-placements.json",
      "independent-travel-training.json",
    ]) {
      const m = modelProposal(readExample(file));
      const flows = profileFlows(m.profile);
      m.profile.years.forEach((y, i) => {
        const j = config.fyLabels.indexOf(y.label);
        if (j < 0) return;
        benefits[j] = benefits[j].plus(flows.benefits[i]);
        costs[j] = costs[j].plus(flows.costs[i]);
      });
    }
    const view = greenBookView(
      config.fyLabels.map((label, i) => ({ fy: i, label })),
      benefits,
      costs,
      DEFAULT_GREEN_BOOK_PARAMETERS.schedule,
      flatDeflatorIndex(config.fyLabels.length, DEFAULT_GREEN_BOOK_PARAMETERS.deflatorPerYear),
    );
    const e = fyColumn(0);
    expect(num(wb, "Programme", `${e}${rowOf(wb, "Programme", "Net present value (NPV)")}`)).toBeCloseTo(
      view.npv.toNumber(),
      4,
    );
    expect(num(wb, "Programme", `${e}${rowOf(wb, "Programme", "Proposals included")}`)).toBe(3);
    const total = rowOf(wb, "Programme", "Total gross saving");
    config.fyLabels.forEach((_, i) => {
      const col = fyColumn(i);
      const parts = [3, 2, 1].map((k) => num(wb, "Programme", `${col}${total - k}`));
      expect(parts[0] + parts[1] + parts[2]).toBeCloseTo(num(wb, "Programme", `${col}${total}`), 4);
    });
    // In its own rows between "additional beyond the MTFS" and the risk-adjusted rows.
    const pos = programmePositions({ ...config, parametersSheet: true, greenBook: true });
    expect(pos.greenBookRow).toBe(pos.additionalRow + 2);
    expect(pos.riskRows[0]).toBeGreaterThan((pos.greenBookRow as number) + 25);
  });

  it("stays under its captions when `new` inserts rows and directorates above it", async () => {
    const wb = new ExcelJS.Workbook();
    const port = new ExcelJsPort(wb);
    await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
    const cfs = readExample("cfs-targeted-prevention.json");
    await addProposal(port, cfs);
    await addProposal(port, { ...cfs, opportunity: { ...cfs.opportunity, name: "CFS again" } });
    await addProposal(port, readExample("independent-travel-training.json"));
    const e = fyColumn(0);
    const at = (caption: string) =>
      wb.getWorksheet("Programme")!.getCell(`${e}${rowOf(wb, "Programme", caption)}`);
    expect(plain(at("Proposals included").value)).toBe(3);
    expect((at("Net present value (NPV)").value as { formula: string }).formula).toMatch(/^SUM\(/);
    expect((await refreshWorkbook(port)).changes).toEqual([]);
  });

  it("refresh follows the Parameters' discount rate and deflator, then is idempotent (property)", async () => {
    const { wb, port } = await demoWorkbook();
    const rate = fc.double({ min: 0, max: 0.1, noNaN: true });
    await fc.assert(
      fc.asyncProperty(rate, rate, async (discount, deflator) => {
        const params = wb.getWorksheet(PARAMETERS_SHEET)!;
        const names = wb.definedNames.model;
        const cellOf = (name: string) =>
          names
            .find((n) => n.name === name)!
            .ranges[0].split("!")[1]
            .replace(/\$/g, "");
        params.getCell(cellOf("MTFS_DiscountRates").split(":")[0]).value = discount;
        params.getCell(cellOf("MTFS_DeflatorPerYear")).value = deflator;
        const first = await refreshWorkbook(port);
        expect(first.errors).toEqual([]);
        expect(first.changes.every((c) => !c.kept)).toBe(true);
        expect((await refreshWorkbook(port)).changes).toEqual([]);
        const { table, greenBook } = await readOptimismBiasTable(port);
        expect(greenBook.schedule[0].rate.toNumber()).toBe(discount);
        const m = modelProposal(readExample("cfs-targeted-prevention.json"), table, greenBook);
        const npvRow = rowOf(wb, CFS, "Net present value (NPV)");
        // Refresh leaves a figure alone within 1e-9 relative (sameValue), so a rate change of 1e-12
        // may keep the last figure: hold the cell to that rule, not to a fixed number of places.
        const cell = num(wb, CFS, `B${npvRow}`);
        const want = m.greenBook.npv.toNumber();
        expect(Math.abs(cell - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }),
      { numRuns: 4 },
    );
  });

  it("reports a discount rate it cannot use, naming the cell and what to type", async () => {
    const { wb, port } = await demoWorkbook();
    const names = wb.definedNames.model;
    const range = names
      .find((n) => n.name === "MTFS_DiscountRates")!
      .ranges[0].split("!")[1]
      .replace(/\$/g, "");
    wb.getWorksheet(PARAMETERS_SHEET)!.getCell(range.split(":")[0]).value = "soon";
    const { problems } = await readOptimismBiasTable(port);
    expect(problems).toEqual([
      expect.stringMatching(
        /^Parameters!B\d+ \(discount rate from year 0\): must be a number, got "soon"; type a rate above -100% and at most 100% a year, e.g. 3.5% \(the default\)$/,
      ),
    ]);
  });
});
