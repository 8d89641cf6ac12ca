import { Decimal, ZERO, flatDeflatorIndex, greenBookView, paybackCrossings } from "../../engine";
import { sheetRef } from "../address";
import type { GreenBookParameters } from "../parameters";
import type { CellScalar } from "../port";
import {
  CROSSING_FORMAT,
  NOT_PAID_BACK,
  NO_CROSSING,
  NO_RATIO,
  deflatorIndexFormula,
  discountedPaybackFormula,
  discountFactorFormula,
  paybackCrossingFormula,
} from "./greenBookBlock";
import { DISCOUNT_RATES_NAME } from "./parametersSheet";
import type { ProgrammeConfig } from "./programmeConfig";
import { MILLIONS_FORMAT, STYLES, type LayoutCell } from "./types";

/**
 * The Programme's Green Book block (issue 14, items 5 and 6), under the risk-adjusted rows: per FY column the
 * modelled proposals' cash benefits and costs summed from their sheets' Green Book blocks, real prices,
 * discount factors and present values (the same formulas as a proposal sheet's block, across instead of down),
 * then NPV, benefit–cost ratio and discounted payback over the Programme's FYs; then their gross saving by
 * cashability label. Year 0 is the Programme's first FY. Sheets laid out before the block have none and are
 * left out (the "proposals included" cell counts those in).
 */

/** Per FY of one modelled proposal: what its block's cells hold (£). */
export interface GreenBookFigures {
  readonly benefits: number;
  readonly costs: number;
  readonly cashable: number;
  readonly costAvoidance: number;
  readonly nonCashable: number;
}

/** One proposal as the block sums it: its sheet, its block's cells by FY, and their figures when known. */
export interface GreenBookSource {
  readonly sheet: string;
  readonly addresses: ReadonlyMap<string, Readonly<Record<keyof GreenBookFigures, string>>>;
  /** Undefined when its sheet could not be modelled: the block's cells then keep what they show. */
  readonly figures?: ReadonlyMap<string, GreenBookFigures>;
}

/** Rows the block takes: heading, note, 11 steps, 5 totals, a gap, the split's heading, 4 rows and a note. */
export const PROGRAMME_GREEN_BOOK_ROWS = 25;

const STEPS = [
  "Benefits (cash)",
  "Costs (cash)",
  "Deflator index",
  "Benefits (real)",
  "Costs (real)",
  "Discount factor",
  "Present value of benefits",
  "Present value of costs",
  "Net present value",
  "Cumulative net present value",
  "Payback reached (years)",
] as const;

const KINDS: readonly (readonly [keyof GreenBookFigures, string])[] = [
  ["cashable", "Cashable"],
  ["costAvoidance", "Cost avoidance (not a budget reduction)"],
  ["nonCashable", "Non-cashable"],
];

/**
 * The block's cells from row `first`, FY columns from `fyColumn(0)`; without `sources` figures (a layout that
 * only locates cells, or a proposal that failed) the owned cells are left out so a sync keeps what they show.
 *
 * @example
 * programmeGreenBookCells(config, 30, fyColumn, sources, DEFAULT_GREEN_BOOK_PARAMETERS).length
 */
export function programmeGreenBookCells(
  config: ProgrammeConfig,
  first: number,
  fyColumn: (i: number) => string,
  sources: readonly GreenBookSource[] | undefined,
  parameters: GreenBookParameters | undefined,
): LayoutCell[] {
  const cells: LayoutCell[] = [];
  // Captions run over the empty cells to their right (column A is narrow): not wrapped.
  const label = (address: string, text: string, style: LayoutCell["style"] = { bold: true }): void => {
    cells.push({ kind: "label", address, text, style });
  };
  const fys = config.fyLabels;
  const n = fys.length;
  const known = sources !== undefined && parameters !== undefined && sources.every((s) => s.figures);
  // A proposal whose figures are unknown: the owned cells are left out, so a sync keeps what they show.
  const skip = sources !== undefined && !known;
  const formula = (
    address: string,
    key: string,
    f: string,
    value: CellScalar,
    numberFormat?: string,
  ): void => {
    if (skip) return;
    cells.push({
      kind: "formula",
      address,
      key,
      formula: f,
      value: known ? value : null,
      numberFormat,
      style: STYLES.owned,
    });
  };
  const sum = (pick: keyof GreenBookFigures, fy: string): Decimal =>
    (sources ?? []).reduce((s, x) => s.plus(x.figures?.get(fy)?.[pick] ?? 0), ZERO);
  const refs = (pick: keyof GreenBookFigures, fy: string): string => {
    const terms = (sources ?? []).flatMap((s) => {
      const at = s.addresses.get(fy)?.[pick];
      return at ? [`${sheetRef(s.sheet)}!${at}`] : [];
    });
    return terms.length ? terms.join("+") : "0";
  };
  const benefits = fys.map((fy) => sum("benefits", fy));
  const costs = fys.map((fy) => sum("costs", fy));
  const index = parameters ? flatDeflatorIndex(n, parameters.deflatorPerYear) : undefined;
  const view = parameters
    ? greenBookView(
        fys.map((label, i) => ({ fy: i, label })),
        benefits,
        costs,
        parameters.schedule,
        index,
      )
    : undefined;
  const crossings = view ? paybackCrossings(view.years.map((y) => y.presentValue)) : [];
  let r = first;
  label(`A${r++}`, "Green Book view of the modelled proposals (real prices, discounted; Parameters sheet)", {
    bold: true,
  });
  label(
    `A${r++}`,
    `Year 0 = ${fys[0] ?? ""} (not discounted). Sums of the proposal sheets' Green Book blocks over these FYs; sheets laid out before it are not included.`,
    { italic: true },
  );
  const row = new Map(STEPS.map((s, i) => [s, r + i]));
  const at = (step: (typeof STEPS)[number], i: number): string => `${fyColumn(i)}${row.get(step)}`;
  STEPS.forEach((s) => label(`A${row.get(s)}`, s));
  fys.forEach((fy, i) => {
    const k = `greenBook.${fy}`;
    const y = view?.years[i];
    const money = (d: Decimal | undefined): CellScalar => (d ? d.toNumber() : null);
    formula(
      at("Benefits (cash)", i),
      `${k}.benefits`,
      refs("benefits", fy),
      benefits[i].toNumber(),
      MILLIONS_FORMAT,
    );
    formula(at("Costs (cash)", i), `${k}.costs`, refs("costs", fy), costs[i].toNumber(), MILLIONS_FORMAT);
    formula(
      at("Deflator index", i),
      `${k}.deflatorIndex`,
      deflatorIndexFormula(i),
      money(index?.[i]),
      "0.00",
    );
    const base = `$${fyColumn(0)}$${row.get("Deflator index")}`;
    formula(
      at("Benefits (real)", i),
      `${k}.realBenefits`,
      `${at("Benefits (cash)", i)}*${base}/${at("Deflator index", i)}`,
      money(y?.benefits),
      MILLIONS_FORMAT,
    );
    formula(
      at("Costs (real)", i),
      `${k}.realCosts`,
      `${at("Costs (cash)", i)}*${base}/${at("Deflator index", i)}`,
      money(y?.costs),
      MILLIONS_FORMAT,
    );
    formula(
      at("Discount factor", i),
      `${k}.discountFactor`,
      i === 0 ? "1" : discountFactorFormula(i, at("Discount factor", i - 1)),
      money(y?.discountFactor),
      "0.0000",
    );
    formula(
      at("Present value of benefits", i),
      `${k}.pvBenefits`,
      `${at("Benefits (real)", i)}*${at("Discount factor", i)}`,
      money(y ? y.benefits.times(y.discountFactor) : undefined),
      MILLIONS_FORMAT,
    );
    formula(
      at("Present value of costs", i),
      `${k}.pvCosts`,
      `${at("Costs (real)", i)}*${at("Discount factor", i)}`,
      money(y ? y.costs.times(y.discountFactor) : undefined),
      MILLIONS_FORMAT,
    );
    formula(
      at("Net present value", i),
      `${k}.presentValue`,
      `${at("Present value of benefits", i)}-${at("Present value of costs", i)}`,
      money(y?.presentValue),
      MILLIONS_FORMAT,
    );
    const cumulative = view?.years.slice(0, i + 1).reduce((s, x) => s.plus(x.presentValue), ZERO);
    formula(
      at("Cumulative net present value", i),
      `${k}.cumulativePresentValue`,
      i === 0
        ? at("Net present value", i)
        : `${at("Cumulative net present value", i - 1)}+${at("Net present value", i)}`,
      money(cumulative),
      MILLIONS_FORMAT,
    );
    formula(
      at("Payback reached (years)", i),
      `${k}.paybackCrossing`,
      paybackCrossingFormula(
        i,
        at("Cumulative net present value", i),
        i === 0 ? "" : at("Cumulative net present value", i - 1),
      ),
      view ? (crossings[i]?.toNumber() ?? NO_CROSSING) : null,
      CROSSING_FORMAT,
    );
  });
  r += STEPS.length;
  const span = (step: (typeof STEPS)[number]): string => `${at(step, 0)}:${at(step, n - 1)}`;
  const total = (
    caption: string,
    key: string,
    f: string,
    value: CellScalar,
    numberFormat?: string,
  ): string => {
    label(`A${r}`, caption, { bold: true });
    const address = `${fyColumn(0)}${r++}`;
    formula(address, key, f, value, numberFormat);
    return address;
  };
  total(
    "Net present value (NPV)",
    "greenBook.npv",
    `SUM(${span("Net present value")})`,
    view ? view.npv.toNumber() : null,
    MILLIONS_FORMAT,
  );
  const pvCosts = `SUM(${span("Present value of costs")})`;
  total(
    "Benefit–cost ratio (PV benefits ÷ PV costs)",
    "greenBook.benefitCostRatio",
    `IF(${pvCosts}>0,SUM(${span("Present value of benefits")})/${pvCosts},"${NO_RATIO}")`,
    view ? (view.benefitCostRatio?.toNumber() ?? NO_RATIO) : null,
    "0.00",
  );
  const crossingsAt = span("Payback reached (years)");
  total(
    "Discounted payback (years from the start of year 0)",
    "greenBook.discountedPayback",
    discountedPaybackFormula(crossingsAt),
    view
      ? view.discountedPayback.kind === "paysBack"
        ? view.discountedPayback.years.toNumber()
        : NOT_PAID_BACK
      : null,
    '0.0# "years"',
  );
  const flows = fys.slice(1).map((_, j) => `${at("Benefits (real)", j + 1)}-${at("Costs (real)", j + 1)}`);
  total(
    "Check: the same NPV by Excel's NPV() (year 0 added undiscounted)",
    "greenBook.npvByExcel",
    flows.length
      ? `${at("Benefits (real)", 0)}-${at("Costs (real)", 0)}+NPV(INDEX(${DISCOUNT_RATES_NAME},1),${flows.join(",")})`
      : `${at("Benefits (real)", 0)}-${at("Costs (real)", 0)}`,
    view ? view.npv.toNumber() : null,
    MILLIONS_FORMAT,
  );
  label(`A${r}`, "Proposals included", { bold: true });
  if (!skip)
    cells.push({
      kind: "engine",
      address: `${fyColumn(0)}${r++}`,
      key: "greenBook.proposalsIncluded",
      value: sources ? sources.length : null,
      style: STYLES.owned,
    });
  r++;
  label(`A${r++}`, "Gross saving of the modelled proposals by kind (their streams' cashability labels)", {
    bold: true,
  });
  const kindRows = KINDS.map(([pick, caption], j) => {
    label(`A${r + j}`, caption);
    fys.forEach((fy, i) =>
      formula(
        `${fyColumn(i)}${r + j}`,
        `cashability.${fy}.${pick}`,
        refs(pick, fy),
        sum(pick, fy).toNumber(),
        MILLIONS_FORMAT,
      ),
    );
    return r + j;
  });
  r += KINDS.length;
  label(`A${r}`, "Total gross saving", { bold: true });
  fys.forEach((fy, i) => {
    const col = fyColumn(i);
    const value = KINDS.reduce((s, [pick]) => s.plus(sum(pick, fy)), ZERO);
    formula(
      `${col}${r}`,
      `cashability.${fy}.total`,
      `SUM(${col}${kindRows[0]}:${col}${r - 1})`,
      value.toNumber(),
      MILLIONS_FORMAT,
    );
  });
  r++;
  label(
    `A${r}`,
    "Cost avoidance is spend that would have grown and does not: it is not a reduction of today's budget.",
    { italic: true },
  );
  return cells;
}
