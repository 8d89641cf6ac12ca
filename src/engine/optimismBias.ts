import { Decimal, toDecimal, type DecimalLike } from "./money";
import { EngineError } from "./errors";
import type { ConfidenceLevel } from "./proposal";

/**
 * Optimism bias on benefits: a proposal's confidence level (High / Medium / Low) or a data-confidence
 * grade (1 = best evidence … 6 = weakest) maps to a share of its benefits taken off, so a "Low" proposal's
 * saving counts for less. The Green Book (2022, para 5.45) gives no generic benefit values and points to
 * the local partnerships CBA guidance (HM Treasury / New Economy, 2014) for an example of adjusting
 * benefits by confidence; its grade table could not be confirmed here, so the defaults below are the
 * council's own assumption, to edit (docs/engine.md, "Optimism bias").
 */

/** A data-confidence grade: 1 (independently audited, local) to 6 (expert judgement, weakest). */
export type ConfidenceGrade = 1 | 2 | 3 | 4 | 5 | 6;

/** A confidence level or a data-confidence grade. */
export type Confidence = ConfidenceLevel | ConfidenceGrade;

/** Share of benefits taken off (0.4 = 40%) per confidence level and per grade (index 0 = grade 1). */
export interface OptimismBiasTable {
  readonly byLevel: Readonly<Record<ConfidenceLevel, Decimal>>;
  readonly byGrade: readonly [Decimal, Decimal, Decimal, Decimal, Decimal, Decimal];
}

const d = (x: string): Decimal => new Decimal(x);

/**
 * The default table, the council's own assumption until it edits it: High 10%, Medium 25%, Low 40%;
 * grades 1–6: 0%, 5%, 10%, 20%, 30%, 40%.
 */
export const DEFAULT_OPTIMISM_BIAS: OptimismBiasTable = {
  byLevel: { High: d("0.1"), Medium: d("0.25"), Low: d("0.4") },
  byGrade: [d("0"), d("0.05"), d("0.1"), d("0.2"), d("0.3"), d("0.4")],
};

function checkShare(share: Decimal, field: string): Decimal {
  if (share.lt(0) || share.gt(1)) {
    throw new EngineError("out-of-range", field, `must be from 0% to 100%, got ${share.toString()}`);
  }
  return share;
}

/**
 * A table from the user's own shares (each from 0 to 1); any level or grade left out keeps the default.
 *
 * @example
 * optimismBiasTable({ Low: 0.5 }).byLevel.Low.toString() // "0.5"
 */
export function optimismBiasTable(
  levels: Partial<Record<ConfidenceLevel, DecimalLike>> = {},
  grades: Partial<Record<ConfidenceGrade, DecimalLike>> = {},
): OptimismBiasTable {
  const base = DEFAULT_OPTIMISM_BIAS;
  const level = (k: ConfidenceLevel): Decimal => {
    const v = levels[k];
    return v === undefined ? base.byLevel[k] : checkShare(toDecimal(v), `table (${k})`);
  };
  const grade = (g: ConfidenceGrade): Decimal => {
    const v = grades[g];
    return v === undefined ? base.byGrade[g - 1] : checkShare(toDecimal(v), `table (grade ${g})`);
  };
  return {
    byLevel: { High: level("High"), Medium: level("Medium"), Low: level("Low") },
    byGrade: [grade(1), grade(2), grade(3), grade(4), grade(5), grade(6)],
  };
}

/**
 * The share of benefits the table takes off for a confidence level or grade.
 *
 * @example
 * optimismBias("Low").toString() // "0.4"
 * optimismBias(2).toString() // "0.05"
 */
export function optimismBias(
  confidence: Confidence,
  table: OptimismBiasTable = DEFAULT_OPTIMISM_BIAS,
): Decimal {
  return typeof confidence === "number" ? table.byGrade[confidence - 1] : table.byLevel[confidence];
}

/**
 * The risk-adjusted row: each saving (a positive amount) times (1 − optimism bias). A net cost (a
 * negative amount) is kept as it is, because the bias is on benefits, so the adjusted row is never above
 * the raw one.
 *
 * @example
 * riskAdjust([new Decimal(-100), new Decimal(1000)], "Low").map(String) // ["-100", "600"]
 */
export function riskAdjust(
  amounts: readonly Decimal[],
  confidence: Confidence,
  table: OptimismBiasTable = DEFAULT_OPTIMISM_BIAS,
): Decimal[] {
  const keep = new Decimal(1).minus(optimismBias(confidence, table));
  return amounts.map((x) => (x.gt(0) ? x.times(keep) : x));
}

/**
 * The risk-adjusted net row when benefits and costs are known apart: benefits × (1 − bias) − costs.
 * Never above benefits − costs for benefits ≥ 0.
 *
 * @example
 * riskAdjustNet([new Decimal(1000)], [new Decimal(300)], "Medium").map(String) // ["450"]
 */
export function riskAdjustNet(
  benefits: readonly Decimal[],
  costs: readonly Decimal[],
  confidence: Confidence,
  table: OptimismBiasTable = DEFAULT_OPTIMISM_BIAS,
): Decimal[] {
  if (benefits.length !== costs.length) {
    throw new EngineError(
      "out-of-range",
      "costs",
      `must have one value per year of benefits (${benefits.length}), got ${costs.length}`,
    );
  }
  return riskAdjust(benefits, confidence, table).map((b, i) => b.minus(costs[i]));
}

/**
 * A confidence argument as typed: "High" / "Medium" / "Low" (any case), or a grade 1–6 (number or text).
 *
 * @example
 * confidenceValue("low", "confidence") // "Low"
 * confidenceValue(3, "confidence") // 3
 */
export function confidenceValue(value: unknown, field: string): Confidence {
  const text =
    typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : undefined;
  if (text !== undefined) {
    if (/^[1-6]$/.test(text)) return Number(text) as ConfidenceGrade;
    const word = text.toLowerCase();
    if (word === "high") return "High";
    if (word === "medium") return "Medium";
    if (word === "low") return "Low";
  }
  throw new EngineError(
    "unknown-option",
    field,
    `must be "High", "Medium", "Low" or a grade from 1 to 6, got ${typeof value === "string" ? `"${value}"` : String(value)}`,
  );
}
