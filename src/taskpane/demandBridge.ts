import {
  decimalCalculator,
  fyLabel,
  formatMillions,
  isEngineError,
  parseDemandModel,
  projectDemand,
  toMillions,
} from "../engine";

/**
 * The demand panel's engine: the demand model's own parser and projection (docs/engine.md "Demand model"),
 * reduced to what the panel shows. Nothing is calculated in the taskpane.
 */

/** One year of the panel's chart and table, £m. */
export interface DemandRow {
  readonly label: string;
  readonly doNothingMillions: number;
  readonly withImpactMillions: number;
  readonly budgetMillions: number;
}

/** What the panel shows for a model, or the engine's first problem with it. */
export type DemandView =
  | {
      readonly ok: true;
      readonly rows: readonly DemandRow[];
      /** "FY33/34", or "not by FY35/36". */
      readonly breakEven: string;
      readonly overspendToBreakEven: string;
      readonly cumulativeBenefit: string;
      readonly cumulativeCostAvoidance: string;
    }
  | { readonly ok: false; readonly field: string; readonly message: string };

/** The engine behind the panel (a prop, so tests can give their own). */
export interface DemandEngine {
  view(raw: unknown): DemandView;
}

/**
 * Projects a demand model for the panel.
 *
 * @example
 * DEMAND_ENGINE.view(nationalJson) // { ok: true, breakEven: "FY33/34", ... }
 * DEMAND_ENGINE.view({ ...nationalJson, stock: -1 }) // { ok: false, field: "stock", message: "stock: must be >= 0 …" }
 */
export const DEMAND_ENGINE: DemandEngine = {
  view(raw) {
    try {
      const model = parseDemandModel(raw);
      const p = projectDemand(model, decimalCalculator);
      return {
        ok: true,
        rows: p.years.map((y) => ({
          label: y.label,
          doNothingMillions: toMillions(y.doNothing.spend),
          withImpactMillions: toMillions(y.withImpact.spend),
          budgetMillions: toMillions(y.budget),
        })),
        breakEven:
          p.breakEvenYear === undefined ? `not by ${fyLabel(model.endYear)}` : fyLabel(p.breakEvenYear),
        overspendToBreakEven: formatMillions(p.overspendToBreakEven, 1),
        cumulativeBenefit: formatMillions(p.cumulativeBenefit, 1),
        cumulativeCostAvoidance: formatMillions(p.cumulativeCostAvoidance, 1),
      };
    } catch (e) {
      if (!isEngineError(e)) throw e;
      return { ok: false, field: e.field, message: e.message };
    }
  },
};
