import {
  COST_AVOIDANCE_NOTE,
  Decimal,
  ZERO,
  flatDeflatorIndex,
  paybackCrossings,
  programmeGreenBook,
} from "../../engine";
import { sheetRef } from "../address";
import type { GreenBookParameters } from "../parameters";
import type { CellScalar } from "../port";
import type { ModelledProposal } from "../engineLink";
import { formulaWriter, labelWriter } from "./cellWriters";
import {
  CROSSING_FORMAT,
  DISCOUNTED_PAYBACK_CAPTION,
  GREEN_BOOK_STEPS,
  NO_RATIO,
  PAYBACK_YEARS_FORMAT,
  greenBookPaybackFormula,
  greenBookPaybackValue,
  greenBookStepFormula,
  greenBookStepValue,
  nothingToPayBackFormula,
  paybackCrossingValue,
  type GreenBookStep,
} from "./greenBookBlock";
import { DISCOUNT_RATES_NAME } from "./parametersSheet";
import type { ProgrammeConfig } from "./programmeConfig";
import { resourceCostTotalRef } from "./resourceCostRows";
import { MILLIONS_FORMAT, STYLES, type LayoutCell } from "./types";

/**
 * The Programme's Green Book block (issue 14, items 5 and 6), under the risk-adjusted rows: per FY column the
 * modelled proposals' cash benefits and costs summed from their sheets' Green Book blocks, real prices,
 * discount factors and present values (the same formulas as a proposal sheet's block, across instead of down),
 * then NPV, benefit–cost ratio and discounted payback over the Programme's FYs; then their gross saving by
 * cashability label. Year 0 is the Programme's first FY. Sheets laid out before the block have none and are
 * left out (the "proposals included" cell counts those in). With `config.greenBookImplementation`, rows under
 * the proposals' totals add the Resource cost sheet's implementation costs (Table 3), deflated and discounted
 * by the same rows, and give NPV and BCR after them (programmeGreenBook in the engine).
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

/**
 * The captions of the rows after implementation costs' payback and NPV check. Each fits one line of the
 * Programme's caption columns: a longer one wraps there, its row grows and its figure sits on the second line,
 * beside nothing (it read blank next to the caption).
 */
export const PAYBACK_AFTER_IMPLEMENTATION_CAPTION =
  "Discounted payback after implementation costs (real prices, years)";
/** See PAYBACK_AFTER_IMPLEMENTATION_CAPTION. */
export const NPV_CHECK_AFTER_IMPLEMENTATION_CAPTION =
  "Check: NPV after implementation costs by Excel's NPV(), as above";

/** Rows the block takes: heading, note, 11 steps, 5 totals, a gap, the split's heading, 4 rows and a note. */
export const PROGRAMME_GREEN_BOOK_ROWS = 25;
/** Rows the implementation costs add: a gap, a heading, 6 rows per FY and 4 totals. */
const IMPLEMENTATION_ROWS = 12;

/**
 * How many rows the Programme's Green Book block takes for `config`.
 *
 * @example
 * programmeGreenBookRows({ ...config, greenBookImplementation: true }) // 34
 */
export function programmeGreenBookRows(config: ProgrammeConfig): number {
  return PROGRAMME_GREEN_BOOK_ROWS + (config.greenBookImplementation ? IMPLEMENTATION_ROWS : 0);
}

const KINDS: readonly (readonly [keyof GreenBookFigures, string])[] = [
  ["cashable", "Cashable"],
  ["costAvoidance", "Cost avoidance (not a budget reduction)"],
  ["nonCashable", "Non-cashable"],
];

/**
 * A modelled proposal's figures by FY label, as its sheet's block shows them: the engine's cash benefits and
 * costs, and its gross split by cashability (both looked up by label; a kind is 0 for an FY the split lacks).
 *
 * @example
 * greenBookFigures(modelProposal(cfsJson)).get("FY26/27")?.benefits
 */
export function greenBookFigures(modelled: ModelledProposal): Map<string, GreenBookFigures> {
  const split = new Map(modelled.cashability.map((c) => [c.label, c]));
  return new Map(
    modelled.greenBook.years.map((y) => {
      const kinds = split.get(y.label);
      return [
        y.label,
        {
          benefits: y.cashBenefits.toNumber(),
          costs: y.cashCosts.toNumber(),
          cashable: kinds?.cashable.toNumber() ?? 0,
          costAvoidance: kinds?.costAvoidance.toNumber() ?? 0,
          nonCashable: kinds?.nonCashable.toNumber() ?? 0,
        },
      ];
    }),
  );
}

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
  /** Table 3's total implementation costs per MTFS year (£), for the cached results of the rows after them. */
  implementationCosts?: readonly number[],
): LayoutCell[] {
  const cells: LayoutCell[] = [];
  // Captions run over the empty cells to their right (column A is narrow): not wrapped.
  const writeLabel = labelWriter(cells);
  const label = (address: string, text: string, style: LayoutCell["style"] = { bold: true }): void =>
    writeLabel(address, text, style);
  const fys = config.fyLabels;
  const n = fys.length;
  const known = sources !== undefined && parameters !== undefined && sources.every((s) => s.figures);
  // A proposal whose figures are unknown: the owned cells are left out, so a sync keeps what they show.
  const skip = sources !== undefined && !known;
  const writeFormula = formulaWriter(cells);
  const formula = (
    address: string,
    key: string,
    f: string,
    value: CellScalar,
    numberFormat?: string,
  ): void => {
    if (!skip) writeFormula(address, key, f, known ? value : null, numberFormat);
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
  const withCosts = config.greenBookImplementation === true;
  // Table 3 has the MTFS years only: nothing after them.
  const implementation = fys.map((_, i) =>
    i < config.mtfsYears ? new Decimal(implementationCosts?.[i] ?? 0) : ZERO,
  );
  const both = parameters
    ? programmeGreenBook(
        fys.map((label, i) => ({ fy: i, label })),
        benefits,
        costs,
        implementation,
        parameters.schedule,
        index,
      )
    : undefined;
  const view = both?.proposals;
  // Without Table 3's figures its rows' cached results are unknown.
  const after = withCosts && implementationCosts ? both : undefined;
  const crossings = view ? paybackCrossings(view.years.map((y) => y.presentValue)) : [];
  let r = first;
  label(`A${r++}`, "Green Book view of the modelled proposals (real prices, discounted; Parameters sheet)", {
    bold: true,
  });
  label(
    `A${r++}`,
    `Year 0 = ${fys[0] ?? ""} (not discounted). Sums of the proposal sheets' Green Book blocks over these FYs; a proposal sheet written by an earlier version, before sheets had a Green Book block, has none and is left out (Proposals included counts the sheets summed). ${
      withCosts
        ? "NPV, BCR and discounted payback are on the proposals' own costs; the rows after implementation costs, below them, add the Resource cost sheet's Table 3 costs with the same deflator, discount factors and year 0."
        : "Costs are the proposals' own: the Resource cost sheet's implementation costs are not in it (the Scenarios sheet's payback includes them)."
    }`,
    { italic: true },
  );
  const row = new Map(GREEN_BOOK_STEPS.map((step, i) => [step.key, r + i]));
  const at = (step: GreenBookStep, i: number): string => `${fyColumn(i)}${row.get(step)}`;
  GREEN_BOOK_STEPS.forEach((step) => label(`A${row.get(step.key)}`, step.caption));
  const baseIndex = `$${fyColumn(0)}$${row.get("deflatorIndex")}`;
  const span = (step: GreenBookStep): string => `${at(step, 0)}:${at(step, n - 1)}`;
  const pvCosts = `SUM(${span("pvCosts")})`;
  const nothing = nothingToPayBackFormula(pvCosts, span("cumulativePresentValue"));
  fys.forEach((fy, i) => {
    const y = view?.years[i];
    for (const { key, numberFormat } of GREEN_BOOK_STEPS) {
      const money = (d: Decimal | undefined): CellScalar => (d ? d.toNumber() : null);
      const address = at(key, i);
      const k = `greenBook.${fy}.${key}`;
      if (key === "benefits" || key === "costs")
        formula(
          address,
          k,
          refs(key, fy),
          (key === "benefits" ? benefits : costs)[i].toNumber(),
          numberFormat,
        );
      else
        formula(
          address,
          k,
          greenBookStepFormula(key, i, at, baseIndex, nothing),
          key === "deflatorIndex"
            ? money(index?.[i])
            : key === "cumulativePresentValue"
              ? money(y?.cumulativePresentValue)
              : key === "paybackCrossing"
                ? view
                  ? paybackCrossingValue(view, crossings, i)
                  : null
                : money(y && greenBookStepValue(key, y)),
          numberFormat,
        );
    }
  });
  r += GREEN_BOOK_STEPS.length;
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
    `SUM(${span("presentValue")})`,
    view ? view.npv.toNumber() : null,
    MILLIONS_FORMAT,
  );
  total(
    "Benefit–cost ratio (PV benefits ÷ PV costs)",
    "greenBook.benefitCostRatio",
    `IF(${pvCosts}>0,SUM(${span("pvBenefits")})/${pvCosts},"${NO_RATIO}")`,
    view ? (view.benefitCostRatio?.toNumber() ?? NO_RATIO) : null,
    "0.00",
  );
  const crossingsAt = span("paybackCrossing");
  total(
    DISCOUNTED_PAYBACK_CAPTION,
    "greenBook.discountedPayback",
    greenBookPaybackFormula(pvCosts, crossingsAt, span("cumulativePresentValue")),
    view ? greenBookPaybackValue(view) : null,
    PAYBACK_YEARS_FORMAT,
  );
  const flows = fys.slice(1).map((_, j) => `${at("realBenefits", j + 1)}-${at("realCosts", j + 1)}`);
  total(
    "Check: the same NPV by Excel's NPV() (year 0 added undiscounted)",
    "greenBook.npvByExcel",
    flows.length
      ? `${at("realBenefits", 0)}-${at("realCosts", 0)}+NPV(INDEX(${DISCOUNT_RATES_NAME},1),${flows.join(",")})`
      : `${at("realBenefits", 0)}-${at("realCosts", 0)}`,
    view ? view.npv.toNumber() : null,
    MILLIONS_FORMAT,
  );
  label(`A${r}`, "Proposals included", { bold: true });
  if (!skip)
    cells.push({
      kind: "engine",
      address: `${fyColumn(0)}${r}`,
      key: "greenBook.proposalsIncluded",
      value: sources ? sources.length : null,
      style: STYLES.owned,
    });
  r++;
  if (withCosts) {
    r++;
    label(
      `A${r++}`,
      "After the Resource cost sheet's implementation costs (Table 3): the programme's NPV, BCR and payback including them",
      { bold: true },
    );
    const rowOf = (caption: string): number => {
      label(`A${r}`, caption);
      return r++;
    };
    const cashRow = rowOf("Implementation costs (cash, Table 3)");
    const realRow = rowOf("Implementation costs (real)");
    const pvRow = rowOf("Present value of implementation costs");
    const netRow = rowOf("Net present value after implementation costs");
    const cumulativeRow = rowOf("Cumulative net present value after implementation costs");
    const crossingRow = rowOf("Payback reached after implementation costs (real, discounted)");
    // The block's own recipe for the running total and the crossing year, over these rows.
    const afterAt = (step: GreenBookStep, t: number): string =>
      step === "presentValue"
        ? `${fyColumn(t)}${netRow}`
        : step === "cumulativePresentValue"
          ? `${fyColumn(t)}${cumulativeRow}`
          : at(step, t);
    const afterCrossings = after
      ? paybackCrossings(after.withImplementation.years.map((y) => y.presentValue))
      : [];
    const money = (d: Decimal | undefined): CellScalar => (d ? d.toNumber() : null);
    const rowSpan = (row: number): string => `${fyColumn(0)}${row}:${fyColumn(n - 1)}${row}`;
    const allCosts = `(${pvCosts}+SUM(${rowSpan(pvRow)}))`;
    const nothingAfter = nothingToPayBackFormula(allCosts, rowSpan(cumulativeRow));
    fys.forEach((fy, i) => {
      const c = fyColumn(i);
      const k = `greenBook.${fy}.implementation`;
      const y = after?.implementation[i];
      formula(
        `${c}${cashRow}`,
        `${k}.cash`,
        i < config.mtfsYears ? resourceCostTotalRef(config, i) : "0",
        money(y?.cash),
        MILLIONS_FORMAT,
      );
      formula(
        `${c}${realRow}`,
        `${k}.real`,
        `${c}${cashRow}*${baseIndex}/${at("deflatorIndex", i)}`,
        money(y?.real),
        MILLIONS_FORMAT,
      );
      formula(
        `${c}${pvRow}`,
        `${k}.presentValue`,
        `${c}${realRow}*${at("discountFactor", i)}`,
        money(y?.presentValue),
        MILLIONS_FORMAT,
      );
      formula(
        `${c}${netRow}`,
        `${k}.netPresentValue`,
        `${at("presentValue", i)}-${c}${pvRow}`,
        money(after?.withImplementation.years[i].presentValue),
        MILLIONS_FORMAT,
      );
      formula(
        `${c}${cumulativeRow}`,
        `${k}.cumulativePresentValue`,
        greenBookStepFormula("cumulativePresentValue", i, afterAt, baseIndex),
        money(after?.withImplementation.years[i].cumulativePresentValue),
        MILLIONS_FORMAT,
      );
      formula(
        `${c}${crossingRow}`,
        `${k}.paybackCrossing`,
        greenBookStepFormula("paybackCrossing", i, afterAt, baseIndex, nothingAfter),
        after ? paybackCrossingValue(after.withImplementation, afterCrossings, i) : null,
        CROSSING_FORMAT,
      );
    });
    const full = after?.withImplementation;
    total(
      "NPV after implementation costs",
      "greenBook.npvAfterImplementation",
      `SUM(${rowSpan(netRow)})`,
      full ? full.npv.toNumber() : null,
      MILLIONS_FORMAT,
    );
    total(
      "Benefit–cost ratio after implementation costs",
      "greenBook.benefitCostRatioAfterImplementation",
      `IF(${allCosts}>0,SUM(${span("pvBenefits")})/${allCosts},"${NO_RATIO}")`,
      full ? (full.benefitCostRatio?.toNumber() ?? NO_RATIO) : null,
      "0.00",
    );
    total(
      PAYBACK_AFTER_IMPLEMENTATION_CAPTION,
      "greenBook.discountedPaybackAfterImplementation",
      greenBookPaybackFormula(allCosts, rowSpan(crossingRow), rowSpan(cumulativeRow)),
      full ? greenBookPaybackValue(full) : null,
      PAYBACK_YEARS_FORMAT,
    );
    const net = (t: number): string =>
      `${at("realBenefits", t)}-${at("realCosts", t)}-${fyColumn(t)}${realRow}`;
    const later = fys.slice(1).map((_, j) => net(j + 1));
    total(
      NPV_CHECK_AFTER_IMPLEMENTATION_CAPTION,
      "greenBook.npvAfterImplementationByExcel",
      later.length ? `${net(0)}+NPV(INDEX(${DISCOUNT_RATES_NAME},1),${later.join(",")})` : net(0),
      full ? full.npv.toNumber() : null,
      MILLIONS_FORMAT,
    );
  }
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
  // A fixed line, as on a proposal sheet: a note that came and went would need cells beside the FY columns,
  // which printed a page of their own (pdfRender.test.ts) and may hold a user's typing on a sheet written before.
  label(`A${r}`, COST_AVOIDANCE_NOTE, { italic: true });
  return cells;
}
