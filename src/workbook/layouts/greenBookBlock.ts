import { GREEN_BOOK_STANDARD, ZERO, paybackCrossings, type Decimal } from "../../engine";
import type { ModelledProposal } from "../engineLink";
import type { CellScalar } from "../port";
import { DEFLATOR_NAME, DISCOUNT_RATES_NAME } from "./parametersSheet";
import { MILLIONS_FORMAT, STYLES, type LayoutCell } from "./types";

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
const YEARS_FORMAT = '0.0# "years"';
/** What the payback cell says when the discounted flows do not pay back within the profile's years. */
export const NOT_PAID_BACK = "not within the profile's years";
/** A year in which the running net present value does not turn non-negative (the crossings column). */
export const NO_CROSSING = -1;
/** The crossings column: negatives (NO_CROSSING) shown blank. */
export const CROSSING_FORMAT = '0.00;"";0.00';
/** What the BCR cell says when the costs' present value is 0. */
export const NO_RATIO = "n/a (no costs)";

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

/** The column of the discount rate band for year t (bands as the Parameters sheet lists them). */
function bandOf(t: number): number {
  let band = 0;
  GREEN_BOOK_STANDARD.forEach((b, i) => {
    if (b.fromYear <= t) band = i;
  });
  return band;
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
  return `${previous}/(1+INDEX(${DISCOUNT_RATES_NAME},${bandOf(t) + 1}))`;
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
 * The discounted payback over a column of crossings: the least non-negative one (the first crossing), or
 * NOT_PAID_BACK when there is none.
 *
 * @example
 * discountedPaybackFormula("L59:L64") // 'IF(COUNTIF(L59:L64,">=0")=0,"not within the profile's years",SMALL(L59:L64,COUNTIF(L59:L64,"<0")+1))'
 */
export function discountedPaybackFormula(crossings: string): string {
  return `IF(COUNTIF(${crossings},">=0")=0,"${NOT_PAID_BACK}",SMALL(${crossings},COUNTIF(${crossings},"<0")+1))`;
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
  const formula = (
    address: string,
    key: string,
    f: string,
    value: CellScalar,
    numberFormat?: string,
  ): void => {
    cells.push({ kind: "formula", address, key, formula: f, value, numberFormat, style: STYLES.owned });
  };
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
    "Benefits = the MTFS row + costs (so benefits − costs is the MTFS row); costs = the profile's costs (investment).",
  ].forEach((line) => label(`A${r++}`, line, { italic: true }));
  const headers = [
    "FY",
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
  ];
  headers.forEach((h, i) => label(`${String.fromCharCode(65 + i)}${r}`, h, TABLE_HEADING));
  r++;
  const firstRow = r;
  const lastRow = firstRow + fyLabels.length - 1;
  const byFy = new Map<
    string,
    { benefits: string; costs: string; cashable: string; costAvoidance: string; nonCashable: string }
  >();
  let cumulative: Decimal = ZERO;
  const crossings = paybackCrossings(
    fyLabels.map((fy) => {
      const at = yearOf(fy);
      return (at === undefined ? undefined : view?.years[at]?.presentValue) ?? ZERO;
    }),
  );
  fyLabels.forEach((fy, t) => {
    const row = firstRow + t;
    const p = profileFirstRow + t;
    const k = `greenBook.${fy}`;
    const at = yearOf(fy);
    const y = at === undefined ? undefined : view?.years[at];
    const cash = at === undefined ? undefined : modelled?.profile.years[at];
    label(`A${row}`, fy);
    const benefits = cash ? cash.mtfsImpact.plus(cash.costs).toNumber() : modelled ? 0 : null;
    formula(`B${row}`, `${k}.benefits`, `J${p}+E${p}`, benefits, MILLIONS_FORMAT);
    formula(
      `C${row}`,
      `${k}.costs`,
      `E${p}`,
      cash ? cash.costs.toNumber() : modelled ? 0 : null,
      MILLIONS_FORMAT,
    );
    formula(
      `D${row}`,
      `${k}.deflatorIndex`,
      deflatorIndexFormula(t),
      pick(fy, (i) => (modelled as ModelledProposal).deflatorIndex[i]),
      INDEX_FORMAT,
    );
    formula(
      `E${row}`,
      `${k}.realBenefits`,
      `B${row}*$D$${firstRow}/D${row}`,
      y ? y.benefits.toNumber() : modelled ? 0 : null,
      MILLIONS_FORMAT,
    );
    formula(
      `F${row}`,
      `${k}.realCosts`,
      `C${row}*$D$${firstRow}/D${row}`,
      y ? y.costs.toNumber() : modelled ? 0 : null,
      MILLIONS_FORMAT,
    );
    const factor = y ? y.discountFactor.toNumber() : modelled ? 0 : null;
    if (t === 0) engine(`G${row}`, `${k}.discountFactor`, modelled ? 1 : null, FACTOR_FORMAT);
    else
      formula(
        `G${row}`,
        `${k}.discountFactor`,
        discountFactorFormula(t, `G${row - 1}`),
        factor,
        FACTOR_FORMAT,
      );
    formula(
      `H${row}`,
      `${k}.pvBenefits`,
      `E${row}*G${row}`,
      y ? y.benefits.times(y.discountFactor).toNumber() : modelled ? 0 : null,
      MILLIONS_FORMAT,
    );
    formula(
      `I${row}`,
      `${k}.pvCosts`,
      `F${row}*G${row}`,
      y ? y.costs.times(y.discountFactor).toNumber() : modelled ? 0 : null,
      MILLIONS_FORMAT,
    );
    formula(
      `J${row}`,
      `${k}.presentValue`,
      `H${row}-I${row}`,
      y ? y.presentValue.toNumber() : modelled ? 0 : null,
      MILLIONS_FORMAT,
    );
    cumulative = cumulative.plus(y?.presentValue ?? ZERO);
    formula(
      `K${row}`,
      `${k}.cumulativePresentValue`,
      t === 0 ? `J${row}` : `K${row - 1}+J${row}`,
      modelled ? cumulative.toNumber() : null,
      MILLIONS_FORMAT,
    );
    // Where the running total turns non-negative (greenBook.paybackCrossings); the payback is their MIN.
    formula(
      `L${row}`,
      `${k}.paybackCrossing`,
      paybackCrossingFormula(t, `K${row}`, `K${row - 1}`),
      modelled ? (crossings[t]?.toNumber() ?? NO_CROSSING) : null,
      CROSSING_FORMAT,
    );
    byFy.set(fy, { benefits: `B${row}`, costs: `C${row}`, cashable: "", costAvoidance: "", nonCashable: "" });
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
  const pvBenefits = view
    ? view.years.reduce((s, y) => s.plus(y.benefits.times(y.discountFactor)), ZERO)
    : undefined;
  const pvCosts = view
    ? view.years.reduce((s, y) => s.plus(y.costs.times(y.discountFactor)), ZERO)
    : undefined;
  summary(
    "Present value of benefits",
    "greenBook.pvBenefits",
    `SUM(${range("H")})`,
    pvBenefits?.toNumber() ?? null,
    MILLIONS_FORMAT,
  );
  const pvCostsAt = summary(
    "Present value of costs",
    "greenBook.pvCosts",
    `SUM(${range("I")})`,
    pvCosts?.toNumber() ?? null,
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
    "Discounted payback (years from the start of year 0)",
    "greenBook.discountedPayback",
    discountedPaybackFormula(range("L")),
    payback ? (payback.kind === "paysBack" ? payback.years.toNumber() : NOT_PAID_BACK) : null,
    YEARS_FORMAT,
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
    const at = byFy.get(fy);
    if (at) byFy.set(fy, { ...at, cashable: `B${row}`, costAvoidance: `C${row}`, nonCashable: `D${row}` });
  });
  r += fyLabels.length;
  label(
    `A${r++}`,
    "Cost avoidance is spend that would have grown and does not: it is not a reduction of today's budget.",
    { italic: true },
  );
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
