import {
  Decimal,
  externalScale,
  nothingToPayBack,
  NO_COSTS_TEXT,
  runScenario,
  type ScenarioDefinition,
  type ScenarioInput,
  type ScenarioResult,
} from "../../engine";
import { columnLetter, sheetRef } from "../address";
import type { CellScalar } from "../port";
import type { ProgrammeConfig } from "./programmeConfig";
import { PROGRAMME_SHEET, fyColumn, type ProgrammePositions } from "./programmeSheet";
import {
  CASH_PAYBACK_CAPTION,
  RESOURCE_COST_SHEET,
  paybackFormula,
  type ResourceCostLayout,
} from "./resourceCostSheet";
import { labelWriter } from "./cellWriters";
import {
  MILLIONS_FORMAT,
  PAYBACK_FORMAT,
  PERCENT_FORMAT,
  STYLES,
  alignedTop,
  type LayoutCell,
  type SheetLayout,
} from "./types";

/**
 * The Scenarios sheet (the scrutiny report's paragraphs 21–23 and 42): one column per scenario, side by side.
 * A scenario is inputs only: its share of the stretch (a blue cell) and its cost estimate (the external costs'
 * scale). Benefits = the Programme total + share × the stretch; costs = Table 3's total less (1 − scale) × its
 * external costs; cumulative cashflow, totals and payback are the same standard formulas as Table 3, so
 * editing the Programme, Table 3 or a share moves them without the add-in.
 */

export const SCENARIOS_SHEET = "Scenarios";
export const SCENARIOS_LAYOUT_ID = "scenariosSheet";
const FIRST_SCENARIO_COLUMN = 3; // C; B holds the figures every scenario shares

/** The cached results: the inputs every scenario starts from. */
export interface ScenariosValues {
  readonly input: ScenarioInput;
}

/** The rows of the sheet, for tests and the reader. */
export interface ScenariosLayout extends SheetLayout {
  readonly shareRow: number;
  readonly benefitRows: readonly number[];
  readonly costRows: readonly number[];
  readonly cashflowRows: readonly number[];
  readonly totalBenefitRow: number;
  readonly lastYearRow: number;
  readonly costTotalRow: number;
  readonly paybackRow: number;
  /** Each scenario's figures (empty when laid out without values). */
  readonly results: readonly ScenarioResult[];
}

/**
 * Declares every cell of the Scenarios sheet, its cached results from the engine's `runScenario` (left empty
 * without `values`: the layout is then only used to find the cells).
 *
 * @example
 * scenariosLayout(config, positions, resource, scenarios, values).paybackRow
 */
export function scenariosLayout(
  config: ProgrammeConfig,
  programme: ProgrammePositions,
  resource: Pick<ResourceCostLayout, "totalRow">,
  scenarios: readonly ScenarioDefinition[],
  values?: ScenariosValues,
): ScenariosLayout {
  const input = values?.input;
  const years = config.mtfsYears;
  const fys = config.fyLabels.slice(0, years);
  const cells: LayoutCell[] = [];
  const label = labelWriter(cells);
  const col = (s: number): string => columnLetter(FIRST_SCENARIO_COLUMN + s);
  const money = (address: string, key: string, formula: string, value: CellScalar, bold = false): void => {
    cells.push({
      kind: "formula",
      address,
      key,
      formula,
      value,
      numberFormat: MILLIONS_FORMAT,
      style: bold ? { bold: true, fill: "F2F2F2" } : STYLES.owned,
    });
  };
  const results = input ? scenarios.map((s) => runScenario(input, s)) : [];
  const cached = (f: (r: ScenarioResult) => Decimal, i: number): CellScalar =>
    results[i] ? f(results[i]).toNumber() : null;

  label("A1", "Scenarios (scrutiny report, paragraphs 21–23 and 42)", STYLES.title);
  label(
    "A2",
    "A scenario changes inputs only: the blue share of the stretch, and the cost estimate's scale of external costs.",
    { italic: true },
  );
  label("A3", "", STYLES.heading);
  label("B3", "Every scenario", STYLES.heading);
  scenarios.forEach((s, i) => label(`${col(i)}3`, s.name, STYLES.heading));

  const shareRow = 4;
  const estimateRow = 5;
  const scaleRow = 6;
  label(`A${shareRow}`, "Share of the stretch");
  label(`A${estimateRow}`, "Implementation cost estimate");
  label(`A${scaleRow}`, "External costs kept (share of the typed estimate)");
  scenarios.forEach((s, i) => {
    cells.push({
      kind: "input",
      address: `${col(i)}${shareRow}`,
      path: `scenarios[${i}].stretchShare`,
      value: s.stretchShare.toNumber(),
      numberFormat: PERCENT_FORMAT,
      style: STYLES.input,
      type: "percent",
      label: `${s.name}: share of the stretch`,
    });
    label(`${col(i)}${estimateRow}`, s.costEstimate, {});
    cells.push({
      kind: "engine",
      address: `${col(i)}${scaleRow}`,
      key: `scenarios[${i}].externalScale`,
      value: input ? externalScale(input, s.costEstimate).toNumber() : null,
      numberFormat: PERCENT_FORMAT,
      style: STYLES.owned,
    });
  });

  // Figures shared by every scenario, in column B: the stretch and the external costs per MTFS year.
  let r = scaleRow + 2;
  const stretchRows = fys.map((fy, y) => {
    label(`A${r}`, `Stretch at 100%, ${fy}`);
    cells.push({
      kind: "engine",
      address: `B${r}`,
      key: `stretch.${fy}`,
      value: input ? input.stretch[y].toNumber() : null,
      numberFormat: MILLIONS_FORMAT,
      style: STYLES.owned,
    });
    return r++;
  });
  const externalAreas = config.resourceCost.areas.flatMap((a, i) => (a.external ? [i] : []));
  const externalRows = fys.map((fy, y) => {
    label(`A${r}`, `External implementation costs, ${fy}`);
    const refs = externalAreas.map((i) => `${sheetRef(RESOURCE_COST_SHEET)}!${columnLetter(2 + y)}${3 + i}`);
    const ext = input?.costAreas
      .filter((a) => a.external)
      .reduce((s, a) => s.plus(a.amounts[y]), new Decimal(0));
    money(`B${r}`, `external.${fy}`, refs.length ? refs.join("+") : "0", ext ? ext.toNumber() : null);
    return r++;
  });

  r++;
  const block = (caption: string): void => {
    label(`A${r}`, caption, { bold: true });
    r++;
  };
  block("Financial benefits (Programme total + share × stretch)");
  const benefitRows = fys.map((fy, y) => {
    label(`A${r}`, fy);
    const total = `${sheetRef(PROGRAMME_SHEET)}!${fyColumn(y)}${programme.totalRow}`;
    scenarios.forEach((_, i) =>
      money(
        `${col(i)}${r}`,
        `scenarios[${i}].benefits.${fy}`,
        `${total}+${col(i)}$${shareRow}*$B$${stretchRows[y]}`,
        cached((x) => x.benefits[y], i),
      ),
    );
    return r++;
  });
  block("Implementation costs (Table 3 less the external costs not kept)");
  const costRows = fys.map((fy, y) => {
    label(`A${r}`, fy);
    const total = `${sheetRef(RESOURCE_COST_SHEET)}!${columnLetter(2 + y)}${resource.totalRow}`;
    scenarios.forEach((_, i) =>
      money(
        `${col(i)}${r}`,
        `scenarios[${i}].costs.${fy}`,
        `${total}-(1-${col(i)}$${scaleRow})*$B$${externalRows[y]}`,
        cached((x) => x.costs[y], i),
      ),
    );
    return r++;
  });
  block("Cumulative cashflow (Σ costs − benefits)");
  const cashflowRows = fys.map((fy, y) => {
    label(`A${r}`, fy);
    scenarios.forEach((_, i) => {
      const c = col(i);
      const step = `${c}${costRows[y]}-${c}${benefitRows[y]}`;
      money(
        `${c}${r}`,
        `scenarios[${i}].cashflow.${fy}`,
        y === 0 ? step : `${c}${r - 1}+${step}`,
        cached((x) => x.cashflow[y], i),
      );
    });
    return r++;
  });
  r++;
  const totalBenefitRow = r++;
  const lastYearRow = r++;
  const costTotalRow = r++;
  const paybackRow = r++;
  label(`A${totalBenefitRow}`, `Total financial benefit, ${fys[0]}–${fys[years - 1]}`);
  label(`A${lastYearRow}`, `${fys[years - 1]} total`);
  label(`A${costTotalRow}`, "Implementation costs");
  label(`A${paybackRow}`, CASH_PAYBACK_CAPTION);
  const never = `not within ${fys[0]}–${fys[years - 1]}`;
  scenarios.forEach((_, i) => {
    const c = col(i);
    const res = results[i] as ScenarioResult | undefined;
    const span = (rows: readonly number[]): string => `SUM(${c}${rows[0]}:${c}${rows[rows.length - 1]})`;
    money(
      `${c}${totalBenefitRow}`,
      `scenarios[${i}].totalBenefit`,
      span(benefitRows),
      cached((x) => x.totalBenefit, i),
      true,
    );
    money(
      `${c}${lastYearRow}`,
      `scenarios[${i}].lastYearBenefit`,
      `${c}${benefitRows[years - 1]}`,
      cached((x) => x.lastYearBenefit, i),
      true,
    );
    money(
      `${c}${costTotalRow}`,
      `scenarios[${i}].implementationCost`,
      span(costRows),
      cached((x) => x.implementationCost, i),
      true,
    );
    cells.push({
      kind: "formula",
      address: `${c}${paybackRow}`,
      key: `scenarios[${i}].payback`,
      // Nothing to pay back (no implementation cost, never in deficit): the one rule (nothingToPayBack), not a 0.
      formula: `IF(AND(${c}${costTotalRow}<=0,MAX(${cashflowRows.map((row) => `${c}${row}`).join(",")})<=0),"${NO_COSTS_TEXT}",${paybackFormula(
        cashflowRows.map((row) => `${c}${row}`),
        never,
      )})`,
      value: res
        ? nothingToPayBack(res)
          ? NO_COSTS_TEXT
          : res.payback.kind === "paysBack"
            ? res.payback.years.toNumber()
            : never
        : null,
      numberFormat: PAYBACK_FORMAT,
      style: { bold: true, fill: "F2F2F2" },
    });
  });
  label(
    `A${paybackRow + 2}`,
    "Sources: paragraph 22 (stretch +£26.3m), 23 (£53.5m total potential), 42 (50% of stretch: £72m, 2.5 years; " +
      "Medium costs: £21m, within 3 years). What does not reproduce is listed in the MTFS Benefits guide (Discrepancies).",
    { italic: true },
  );
  return {
    layoutId: SCENARIOS_LAYOUT_ID,
    sheet: SCENARIOS_SHEET,
    // Figures beside a wrapped caption sit level with its first line.
    cells: alignedTop(cells),
    columnWidths: [
      { column: "A", width: 52 },
      { column: "B", width: 16 },
      ...scenarios.map((_, i) => ({ column: col(i), width: 16 })),
    ],
    shareRow,
    benefitRows,
    costRows,
    cashflowRows,
    totalBenefitRow,
    lastYearRow,
    costTotalRow,
    paybackRow,
    results,
  };
}
