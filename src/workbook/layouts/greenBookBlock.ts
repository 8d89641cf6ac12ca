import {
  GREEN_BOOK_STANDARD,
  ZERO,
  discountBandIndex,
  paybackCrossings,
  type Decimal,
  type GreenBookView,
  type GreenBookYear,
  NO_COSTS_TEXT,
  greenBookNothingToPayBack,
  WITHIN_YEAR_0,
  COST_AVOIDANCE_NOTE,
} from "../../engine";
import type { ModelledProposal } from "../engineLink";
import type { CellScalar } from "../port";
import { formulaWriter } from "./cellWriters";
import { DEFLATOR_NAME, DISCOUNT_RATES_NAME } from "./parametersSheet";
import { MILLIONS_FORMAT, PAYBACK_FORMAT, STYLES, type LayoutCell } from "./types";

/**
 * The proposal sheet's Green Book block (issue 14, items 5 and 6), below the profile and its breakdown: per FY
 * the cash benefits and costs (from the profile row), the deflator index and real prices, the discount factor,
 * present values and their running total; then NPV, benefit–cost ratio and discounted payback; then the gross
 * saving split by the streams' cashability labels. Every figure the Green Book part shows is a standard formula
 * over the profile's cells and the Parameters sheet's names, so it recalculates wherever the sheet is opened;
 * the cached results are the engine's (profileGreenBook.ts, cashability.ts). Columns A:L, its own rows.
 */

const TABLE_HEADING = { ...STYLES.heading, wrap: true } as const;
const SUBHEADING = { bold: true, fill: "D9E1F2", wrap: true } as const;
const INDEX_FORMAT = "0.00";
const FACTOR_FORMAT = "0.0000";
const RATIO_FORMAT = "0.00";
/** A discounted payback in years (PAYBACK_FORMAT); 0 (year 0's benefits cover its costs) in words, not "0.0 years". */
export const PAYBACK_YEARS_FORMAT = `[=0]"${WITHIN_YEAR_0}";${PAYBACK_FORMAT}`;
/** What the payback cell says when the discounted flows do not pay back within the profile's years. */
export const NOT_PAID_BACK = "not within the profile's years";
/** A year in which the running net present value does not turn non-negative (the crossings column). */
export const NO_CROSSING = -1;
/** The crossings column: negatives (NO_CROSSING) shown blank. */
export const CROSSING_FORMAT = `0.00;"";"${WITHIN_YEAR_0}"`;
/** What the BCR cell says when the costs' present value is 0. */
export const NO_RATIO = NO_COSTS_TEXT;

/**
 * The caption of the Green Book payback, on a proposal sheet and the Programme: it states its basis (real
 * prices, discounted), as the cash payback of Table 3 and the Scenarios sheet states its own.
 */
export const DISCOUNTED_PAYBACK_CAPTION = "Discounted payback, real prices (years from the start of year 0)";

/** Where the block's figures are, for the Programme's Green Book rows and for tests. */
export interface GreenBookAddresses {
  /** Per FY label: cash benefits and costs (what the Programme sums), and the split by cashability. */
  readonly byFy: ReadonlyMap<
    string,
    {
      readonly benefits: string;
      readonly costs: string;
      readonly cashable: string;
      readonly costAvoidance: string;
      readonly nonCashable: string;
    }
  >;
  readonly npv: string;
  readonly benefitCostRatio: string;
  readonly discountedPayback: string;
  /** The same NPV by Excel's NPV() on the real net flows (absent past 31 years, where the rate changes). */
  readonly npvByExcel?: string;
}

/**
 * The steps of the Green Book table per FY, in order (a proposal sheet's columns B:L, the Programme's rows):
 * caption, key (after `greenBook.<FY>.`) and number format. Both blocks lay them out from this list.
 */
export const GREEN_BOOK_STEPS = [
  { caption: "Benefits (cash)", key: "benefits", numberFormat: MILLIONS_FORMAT },
  { caption: "Costs (cash)", key: "costs", numberFormat: MILLIONS_FORMAT },
  { caption: "Deflator index", key: "deflatorIndex", numberFormat: INDEX_FORMAT },
  { caption: "Benefits (real)", key: "realBenefits", numberFormat: MILLIONS_FORMAT },
  { caption: "Costs (real)", key: "realCosts", numberFormat: MILLIONS_FORMAT },
  { caption: "Discount factor", key: "discountFactor", numberFormat: FACTOR_FORMAT },
  { caption: "Present value of benefits", key: "pvBenefits", numberFormat: MILLIONS_FORMAT },
  { caption: "Present value of costs", key: "pvCosts", numberFormat: MILLIONS_FORMAT },
  { caption: "Net present value", key: "presentValue", numberFormat: MILLIONS_FORMAT },
  { caption: "Cumulative net present value", key: "cumulativePresentValue", numberFormat: MILLIONS_FORMAT },
  {
    caption: "Payback reached (years, real, discounted)",
    key: "paybackCrossing",
    numberFormat: CROSSING_FORMAT,
  },
] as const;

/** A step of the Green Book table by its key. */
export type GreenBookStep = (typeof GREEN_BOOK_STEPS)[number]["key"];

/** The steps each block computes from the cash rows (the cash rows read each block's own source). */
export type DerivedGreenBookStep = Exclude<GreenBookStep, "benefits" | "costs">;

/**
 * The formula of step `step` of year t, both blocks' recipe: `at(step, t)` is where a step's cell of year t
 * is, `baseIndex` year 0's deflator index as an absolute reference.
 *
 * @example
 * greenBookStepFormula("pvBenefits", 2, (s, t) => `${s}${t}`, "$D$59") // "realBenefits2*discountFactor2"
 */
export function greenBookStepFormula(
  step: DerivedGreenBookStep,
  t: number,
  at: (step: GreenBookStep, t: number) => string,
  baseIndex: string,
  nothingToPayBack?: string,
): string {
  switch (step) {
    case "deflatorIndex":
      return deflatorIndexFormula(t);
    case "realBenefits":
      return `${at("benefits", t)}*${baseIndex}/${at("deflatorIndex", t)}`;
    case "realCosts":
      return `${at("costs", t)}*${baseIndex}/${at("deflatorIndex", t)}`;
    case "discountFactor":
      return t === 0 ? "1" : discountFactorFormula(t, at("discountFactor", t - 1));
    case "pvBenefits":
      return `${at("realBenefits", t)}*${at("discountFactor", t)}`;
    case "pvCosts":
      return `${at("realCosts", t)}*${at("discountFactor", t)}`;
    case "presentValue":
      return `${at("pvBenefits", t)}-${at("pvCosts", t)}`;
    case "cumulativePresentValue":
      return t === 0
        ? at("presentValue", t)
        : `${at("cumulativePresentValue", t - 1)}+${at("presentValue", t)}`;
    case "paybackCrossing": {
      const crossing = paybackCrossingFormula(
        t,
        at("cumulativePresentValue", t),
        t === 0 ? "" : at("cumulativePresentValue", t - 1),
      );
      // Year 0 is the one crossing a cashflow never in deficit has: it says what the payback says.
      return t === 0 && nothingToPayBack ? `IF(${nothingToPayBack},"${NO_RATIO}",${crossing})` : crossing;
    }
  }
}

/**
 * The condition, as a formula, that there is nothing to pay back (greenBookNothingToPayBack): the costs' present
 * value (`pvCosts`, a cell or a sum) is not above 0 and the running NPV (`cumulatives`) never below 0. The
 * payback cell and the crossings row's year 0 both test it, so with nothing to pay back they both read NO_RATIO.
 *
 * @example
 * nothingToPayBackFormula("B70", "K59:K64") // "AND(B70<=0,MIN(K59:K64)>=0)"
 */
export function nothingToPayBackFormula(pvCosts: string, cumulatives: string): string {
  return `AND(${pvCosts}<=0,MIN(${cumulatives})>=0)`;
}

/**
 * The cached value of the crossings row's year t, as the formula computes it: NO_RATIO in year 0 when there is
 * nothing to pay back (so the row never says "within year 0" beside a payback of "n/a (no costs)"), else the
 * crossing, or NO_CROSSING.
 *
 * @example
 * paybackCrossingValue(noCostsView, paybackCrossings(pvs), 0) // "n/a (no costs)"
 */
export function paybackCrossingValue(
  view: GreenBookView,
  crossings: readonly (Decimal | undefined)[],
  t: number,
): number | string {
  if (t === 0 && greenBookNothingToPayBack(view)) return NO_RATIO;
  return crossings[t]?.toNumber() ?? NO_CROSSING;
}

/**
 * The engine's figure of a step in one year of a Green Book view (the cumulative and crossing steps are the
 * running figures over the block's own rows, given by each block).
 */
export function greenBookStepValue(
  step: Exclude<GreenBookStep, "deflatorIndex" | "cumulativePresentValue" | "paybackCrossing">,
  year: GreenBookYear,
): Decimal {
  switch (step) {
    case "benefits":
      return year.cashBenefits;
    case "costs":
      return year.cashCosts;
    case "realBenefits":
      return year.benefits;
    case "realCosts":
      return year.costs;
    default:
      return year[step];
  }
}

/**
 * The deflator index of year t: 100 × (1 + the Parameters sheet's deflator a year)^t.
 *
 * @example
 * deflatorIndexFormula(2) // "100*(1+MTFS_DeflatorPerYear)^2"
 */
export function deflatorIndexFormula(t: number): string {
  return `100*(1+${DEFLATOR_NAME})^${t}`;
}

/**
 * The discount factor of year t ≥ 1 from year t − 1's (in `previous`): ÷ (1 + the Parameters sheet's rate of
 * year t's band).
 *
 * @example
 * discountFactorFormula(1, "G59") // "G59/(1+INDEX(MTFS_DiscountRates,1))"
 */
export function discountFactorFormula(t: number, previous: string): string {
  return `${previous}/(1+INDEX(${DISCOUNT_RATES_NAME},${discountBandIndex(GREEN_BOOK_STANDARD, t) + 1}))`;
}

/**
 * The payback crossing of year t (greenBook.paybackCrossings) from the running net present value of year t
 * (`cumulative`) and of year t − 1 (`previous`); NO_CROSSING (shown blank by CROSSING_FORMAT) when the total
 * does not turn non-negative in year t. A number either way: a text result would not survive every file
 * round trip as a cached value.
 *
 * @example
 * paybackCrossingFormula(1, "K60", "K59") // "IF(AND(K60>=0,K59<0),1-K59/(K60-K59),-1)"
 */
export function paybackCrossingFormula(t: number, cumulative: string, previous: string): string {
  return t === 0
    ? `IF(${cumulative}>=0,0,${NO_CROSSING})`
    : `IF(AND(${cumulative}>=0,${previous}<0),${t}-${previous}/(${cumulative}-${previous}),${NO_CROSSING})`;
}

/**
 * The discounted payback over a column of crossings: the last one (they grow year by year), provided the running
 * net present value ends non-negative (`lastCumulative`); NOT_PAID_BACK when it ends below zero. As
 * greenBook.discountedPayback: a total that dips below zero after a crossing has not paid back yet then.
 *
 * @example
 * discountedPaybackFormula("L59:L64", "K64") // 'IF(K64<0,"not within the profile\'s years",MAX(L59:L64))'
 */
export function discountedPaybackFormula(crossings: string, lastCumulative: string): string {
  return `IF(${lastCumulative}<0,"${NOT_PAID_BACK}",MAX(${crossings}))`;
}

/**
 * The Green Book payback cell's formula: NO_RATIO when there is nothing to pay back (no costs, `pvCosts`, and a
 * running NPV never below zero, `cumulatives`), else discountedPaybackFormula. The engine's rule
 * (greenBookNothingToPayBack), so the proposal sheet, the Programme and the CLI read alike.
 *
 * @example
 * greenBookPaybackFormula("I70", "L59:L64", "K59:K64") // 'IF(AND(I70<=0,MIN(K59:K64)>=0),"n/a (no costs)",...)'
 */
export function greenBookPaybackFormula(pvCosts: string, crossings: string, cumulatives: string): string {
  const last = cumulatives.split(":").pop() ?? cumulatives;
  return `IF(${nothingToPayBackFormula(pvCosts, cumulatives)},"${NO_RATIO}",${discountedPaybackFormula(crossings, last)})`;
}

/**
 * The Green Book payback cell's cached value, as greenBookPaybackFormula computes it: NO_RATIO, the years, or
 * NOT_PAID_BACK.
 *
 * @example
 * greenBookPaybackValue(view) // 1.44
 */
export function greenBookPaybackValue(view: GreenBookView): number | string {
  if (greenBookNothingToPayBack(view)) return NO_RATIO;
  return view.discountedPayback.kind === "paysBack" ? view.discountedPayback.years.toNumber() : NOT_PAID_BACK;
}

/**
 * The block's cells from row `first`; `profileFirstRow` is the profile row of `fyLabels[0]`, whose columns
 * E (costs) and J (MTFS row) it reads. `next` is the first row after it (and a blank row).
 *
 * @example
 * greenBookBlock(60, ["FY26/27", ...], 33, modelled).addresses.npv // "B70"
 */
export function greenBookBlock(
  first: number,
  fyLabels: readonly string[],
  profileFirstRow: number,
  modelled?: ModelledProposal,
): {
  readonly cells: LayoutCell[];
  readonly merges: string[];
  readonly next: number;
  readonly addresses: GreenBookAddresses;
} {
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  const label = (address: string, text: string, style: LayoutCell["style"] = STYLES.label): void => {
    cells.push({ kind: "label", address, text, style });
  };
  const formula = formulaWriter(cells);
  const engine = (address: string, key: string, value: CellScalar, numberFormat?: string): void => {
    cells.push({ kind: "engine", address, key, value, numberFormat, style: STYLES.owned });
  };
  const view = modelled?.greenBook;
  const yearOf = (fy: string) => {
    const t = modelled?.profile.years.findIndex((y) => y.label === fy) ?? -1;
    return t < 0 ? undefined : t;
  };
  /** The engine's figure for FY `fy`, 0 when its profile does not reach it, null without results. */
  const pick = (fy: string, f: (t: number) => Decimal): CellScalar => {
    if (!modelled) return null;
    const t = yearOf(fy);
    return t === undefined ? 0 : f(t).toNumber();
  };
  const base = fyLabels[0] ?? "";
  let r = first;
  label(
    `A${r}`,
    "Green Book view: real prices, discounted (from the profile above and the Parameters sheet)",
    STYLES.heading,
  );
  merges.push(`A${r}:H${r}`);
  r++;
  // One line each, running over the empty cells to the right (a wrapped cell would need its row sized).
  [
    `Year 0 = ${base} (discount factor 1: not discounted); year t is discounted by 1 ÷ (1 + the Parameters sheet's rate for year t), year on year.`,
    `Real prices are ${base} prices: cash × index(${base}) ÷ index(FY), the index 100 × (1 + the Parameters sheet's deflator a year)^t.`,
    "Benefits = the MTFS row + costs (so benefits − costs is the MTFS row), with any existing MTFS line the row adds back; costs = the profile's costs.",
  ].forEach((line) => label(`A${r++}`, line, { italic: true }));
  ["FY", ...GREEN_BOOK_STEPS.map((step) => step.caption)].forEach((h, i) =>
    label(`${String.fromCharCode(65 + i)}${r}`, h, TABLE_HEADING),
  );
  r++;
  const firstRow = r;
  const lastRow = firstRow + fyLabels.length - 1;
  const column = new Map(GREEN_BOOK_STEPS.map((step, i) => [step.key, String.fromCharCode(66 + i)]));
  const at = (step: GreenBookStep, t: number): string => `${column.get(step)}${firstRow + t}`;
  const byFy = new Map<
    string,
    { benefits: string; costs: string; cashable: string; costAvoidance: string; nonCashable: string }
  >();
  // The running total and crossings follow the block's rows (as columns K and L do), 0 for an FY the profile
  // does not reach.
  const rowPresentValues = fyLabels.map((fy) => {
    const t = yearOf(fy);
    return (t === undefined ? undefined : view?.years[t]?.presentValue) ?? ZERO;
  });
  const crossings = paybackCrossings(rowPresentValues);
  const columnRange = (step: GreenBookStep): string =>
    `${column.get(step)}${firstRow}:${column.get(step)}${lastRow}`;
  const nothing = nothingToPayBackFormula(
    `SUM(${columnRange("pvCosts")})`,
    columnRange("cumulativePresentValue"),
  );
  let cumulative: Decimal = ZERO;
  fyLabels.forEach((fy, t) => {
    const row = firstRow + t;
    const p = profileFirstRow + t;
    const k = `greenBook.${fy}`;
    const i = yearOf(fy);
    const y = i === undefined ? undefined : view?.years[i];
    cumulative = cumulative.plus(rowPresentValues[t]);
    label(`A${row}`, fy);
    for (const { key, numberFormat } of GREEN_BOOK_STEPS) {
      const address = at(key, t);
      const engineValue = (d: Decimal | undefined): CellScalar => (d ? d.toNumber() : modelled ? 0 : null);
      if (key === "discountFactor" && t === 0) {
        // Year 0 is not discounted: the convention, not a formula.
        engine(address, `${k}.${key}`, modelled ? 1 : null, numberFormat);
      } else if (key === "benefits" || key === "costs") {
        // Cash benefits are the MTFS row (J) plus costs (E) of the profile row of the same FY.
        const f = key === "benefits" ? `J${p}+E${p}` : `E${p}`;
        formula(address, `${k}.${key}`, f, engineValue(y && greenBookStepValue(key, y)), numberFormat);
      } else {
        const value =
          key === "deflatorIndex"
            ? pick(fy, (j) => (modelled as ModelledProposal).deflatorIndex[j])
            : key === "cumulativePresentValue"
              ? modelled
                ? cumulative.toNumber()
                : null
              : key === "paybackCrossing"
                ? view
                  ? paybackCrossingValue(view, crossings, t)
                  : null
                : engineValue(y && greenBookStepValue(key, y));
        formula(
          address,
          `${k}.${key}`,
          greenBookStepFormula(key, t, at, `$${column.get("deflatorIndex")}$${firstRow}`, nothing),
          value,
          numberFormat,
        );
      }
    }
    byFy.set(fy, {
      benefits: at("benefits", t),
      costs: at("costs", t),
      cashable: "",
      costAvoidance: "",
      nonCashable: "",
    });
  });
  r = lastRow + 1;
  const range = (column: string): string => `${column}${firstRow}:${column}${lastRow}`;
  const summary = (
    caption: string,
    key: string,
    f: string,
    value: CellScalar,
    numberFormat?: string,
  ): string => {
    label(`A${r}`, caption);
    formula(`B${r}`, key, f, value, numberFormat);
    return `B${r++}`;
  };
  label(`A${r++}`, "Totals over the profile's years", SUBHEADING);
  summary(
    "Present value of benefits",
    "greenBook.pvBenefits",
    `SUM(${range("H")})`,
    view ? view.pvBenefits.toNumber() : null,
    MILLIONS_FORMAT,
  );
  const pvCostsAt = summary(
    "Present value of costs",
    "greenBook.pvCosts",
    `SUM(${range("I")})`,
    view ? view.pvCosts.toNumber() : null,
    MILLIONS_FORMAT,
  );
  const npv = summary(
    "Net present value (NPV)",
    "greenBook.npv",
    `SUM(${range("J")})`,
    view ? view.npv.toNumber() : null,
    MILLIONS_FORMAT,
  );
  const bcr = summary(
    "Benefit–cost ratio (PV benefits ÷ PV costs)",
    "greenBook.benefitCostRatio",
    `IF(${pvCostsAt}>0,SUM(${range("H")})/${pvCostsAt},"${NO_RATIO}")`,
    view ? (view.benefitCostRatio?.toNumber() ?? NO_RATIO) : null,
    RATIO_FORMAT,
  );
  const payback = view?.discountedPayback;
  const paybackAt = summary(
    DISCOUNTED_PAYBACK_CAPTION,
    "greenBook.discountedPayback",
    // Nothing to pay back (no costs, never below zero): "n/a", as the ratio says, not "0 years".
    greenBookPaybackFormula(
      pvCostsAt,
      range(column.get("paybackCrossing") ?? "L"),
      range(column.get("cumulativePresentValue") ?? "K"),
    ),
    payback && view ? greenBookPaybackValue(view) : null,
    PAYBACK_YEARS_FORMAT,
  );
  // Excel's NPV() discounts its first value one period: year 0 goes in undiscounted, as the block counts it.
  let npvByExcel: string | undefined;
  if (fyLabels.length > 1 && fyLabels.length <= GREEN_BOOK_STANDARD[1].fromYear) {
    const flows = fyLabels.slice(1).map((_, i) => `E${firstRow + 1 + i}-F${firstRow + 1 + i}`);
    npvByExcel = summary(
      "Check: the same NPV by Excel's NPV() (year 0 added undiscounted)",
      "greenBook.npvByExcel",
      `E${firstRow}-F${firstRow}+NPV(INDEX(${DISCOUNT_RATES_NAME},1),${flows.join(",")})`,
      view ? view.npv.toNumber() : null,
      MILLIONS_FORMAT,
    );
  }
  r++;

  // The gross split by the streams' labels: cost avoidance is always named, never shown as a budget reduction.
  // Its explanation is a fixed line (not one that comes and goes): a cell the add-in starts writing on a sheet
  // written before could hold the user's own typing beside the split.
  label(
    `A${r}`,
    "Gross saving by kind (each stream's cashability label; before costs and overlap)",
    STYLES.heading,
  );
  merges.push(`A${r}:H${r}`);
  r++;
  // Always one row (labels are written once, with results), so the rows below never depend on the engine.
  const words: Record<string, string> = {
    cashable: "cashable",
    costAvoidance: "cost avoidance",
    nonCashable: "non-cashable",
  };
  const streams = modelled?.proposal.streams ?? [];
  label(
    `A${r++}`,
    `Streams: ${streams.map((s) => `${s.label} (${words[s.cashability] ?? s.cashability})`).join("; ")}`,
    { italic: true },
  );
  ["FY", "Cashable", "Cost avoidance (not a budget reduction)", "Non-cashable", "Total gross saving"].forEach(
    (h, i) => label(`${String.fromCharCode(65 + i)}${r}`, h, TABLE_HEADING),
  );
  r++;
  fyLabels.forEach((fy, t) => {
    const row = r + t;
    const k = `cashability.${fy}`;
    const split = modelled?.cashability.find((c) => c.label === fy);
    const value = (d: Decimal | undefined): CellScalar => (d ? d.toNumber() : modelled ? 0 : null);
    label(`A${row}`, fy);
    engine(`B${row}`, `${k}.cashable`, value(split?.cashable), MILLIONS_FORMAT);
    engine(`C${row}`, `${k}.costAvoidance`, value(split?.costAvoidance), MILLIONS_FORMAT);
    engine(`D${row}`, `${k}.nonCashable`, value(split?.nonCashable), MILLIONS_FORMAT);
    const total = split ? split.cashable.plus(split.costAvoidance).plus(split.nonCashable) : undefined;
    formula(`E${row}`, `${k}.total`, `SUM(B${row}:D${row})`, value(total), MILLIONS_FORMAT);
    const cash = byFy.get(fy);
    if (cash)
      byFy.set(fy, { ...cash, cashable: `B${row}`, costAvoidance: `C${row}`, nonCashable: `D${row}` });
  });
  r += fyLabels.length;
  label(`A${r++}`, COST_AVOIDANCE_NOTE, { italic: true });
  return {
    cells,
    merges,
    next: r + 1,
    addresses: {
      byFy,
      npv,
      benefitCostRatio: bcr,
      discountedPayback: paybackAt,
      ...(npvByExcel ? { npvByExcel } : {}),
    },
  };
}
