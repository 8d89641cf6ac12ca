import * as v from "valibot";
import { baselineFromDemand } from "../demandBaseline";
import type { Baseline } from "../types";
import { EngineError } from "../errors";
import { describeValue } from "../parse/read";
import { choice, decimal, field, optional, runNested, strict } from "./define";
import { demandFormat } from "./demandFormat";

/**
 * A cohort stream's `baseline.demand`: the baseline volumes come from a demand model's do-nothing line
 * (docs/engine.md "A baseline from a demand model"). The engine reads no files, so `model` is the model
 * itself; a file name ("national-children-in-care-500k.json") is resolved by the CLI relative to the proposal
 * before the proposal reaches the engine.
 */

const model = v.pipe(
  field<string | Record<string, unknown>, unknown>(
    {
      type: "demand model",
      rule: "a demand model (schema/demand.schema.json), or its file relative to the proposal (CLI)",
      about: "the model whose do-nothing line is the baseline",
      // The model's own schema is schema/demand.schema.json; repeating it here would double this one's size.
      json: { anyOf: [{ type: "string" }, { type: "object" }] },
    },
    (x) => {
      if (typeof x === "string") {
        throw new EngineError(
          "invalid-type",
          "",
          `names a file (${x}); only the CLI reads files, relative to the proposal: elsewhere give the model itself`,
        );
      }
      if (typeof x !== "object" || x === null || Array.isArray(x))
        throw new EngineError("invalid-type", "", `must be a demand model, got ${describeValue(x)}`);
      return x;
    },
  ),
  v.rawTransform(({ dataset, addIssue, NEVER }) => runNested(demandFormat, dataset.value, addIssue) ?? NEVER),
);

/** `baseline.demand`: which model, which of its lines, and a scale. */
export const demandBaselineFormat = v.pipe(
  strict({
    model,
    measure: choice(["entries", "stock"] as const, {
      about:
        "entries: do-nothing entries a year (entry lever); stock: the stock at each year's end (exit lever)",
    }),
    scale: optional(
      decimal(
        { gt: 0, max: 1000 },
        { default: "1", about: "multiplies the volumes (e.g. the share in scope)" },
      ),
    ),
  }),
  v.transform((o): Baseline =>
    baselineFromDemand({ model: o.model, measure: o.measure, ...(o.scale ? { scale: o.scale } : {}) }),
  ),
);
