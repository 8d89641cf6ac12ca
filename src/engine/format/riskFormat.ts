import * as v from "valibot";
import type { RiskDistribution, RiskEntry } from "../riskInputs";
import { kind, kinds, list, optional, rate, strict, text } from "./define";

/**
 * A proposal's `risk` block (issue 14): the inputs its tornado and its simulation move, each named by its path
 * in the assumptions, with a stated low and high and/or a distribution. Inputs it does not name keep ±10% in
 * the tornado and stay at their base in a simulation. Values are in the path's own unit (months for
 * timeline.leadMonths; a rate as 0.06 or "6%").
 */

/** The block as the engine reads it. */
export interface RiskBlock {
  readonly inputs: readonly RiskEntry[];
}

const bound = (about: string) => rate({ min: -1e12, max: 1e12 }, { about, warn: () => undefined });

const distributionFormat = kinds([
  v.pipe(
    strict({
      kind: kind("triangular"),
      low: bound("lowest value"),
      likely: bound("most likely"),
      high: bound("highest value"),
    }),
    v.transform((o): RiskDistribution => ({
      kind: "triangular",
      low: o.low.toNumber(),
      likely: o.likely.toNumber(),
      high: o.high.toNumber(),
    })),
  ),
  v.pipe(
    strict({
      kind: kind("pert"),
      low: bound("lowest value"),
      likely: bound("most likely"),
      high: bound("highest value"),
    }),
    v.transform((o): RiskDistribution => ({
      kind: "pert",
      low: o.low.toNumber(),
      likely: o.likely.toNumber(),
      high: o.high.toNumber(),
    })),
  ),
  v.pipe(
    strict({ kind: kind("uniform"), low: bound("lowest value"), high: bound("highest value") }),
    v.transform((o): RiskDistribution => ({
      kind: "uniform",
      low: o.low.toNumber(),
      high: o.high.toNumber(),
    })),
  ),
  v.pipe(
    strict({ kind: kind("confidence") }),
    v.transform((): RiskDistribution => ({ kind: "confidence" })),
  ),
]);

const entryFormat = v.pipe(
  strict({
    path: text({
      maxLength: 200,
      about: 'a number in the assumptions, e.g. "target.value", "investment[0].amountPerYear"',
    }),
    low: optional(bound("the tornado's low end (default: the distribution's, else base − 10%)")),
    high: optional(bound("the tornado's high end (default: the distribution's, else base + 10%)")),
    distribution: optional(distributionFormat),
    note: optional(text()),
  }),
  v.transform((o): RiskEntry => ({
    path: o.path,
    ...(o.low === undefined ? {} : { low: o.low }),
    ...(o.high === undefined ? {} : { high: o.high }),
    ...(o.distribution === undefined ? {} : { distribution: o.distribution }),
    ...(o.note === undefined ? {} : { note: o.note }),
  })),
);

/** The `risk` block format (part of schema/proposal.schema.json). */
export const riskFormat = v.pipe(
  strict({ inputs: list(entryFormat), note: optional(text()) }),
  v.transform((o): RiskBlock => ({ inputs: o.inputs })),
);
