import { EngineError } from "../../../src/engine/errors";
import { decimalValue, rateValue } from "../../../src/engine/parse/read";
import { fieldSpec } from "../../../src/taskpane/form/fields";
import { fieldMessage } from "../../../src/taskpane/form/messages";

/** The rule text the engine's own readers produce for a bad value (so these tests follow the engine's wording). */
function ruleOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e.rule;
  }
  throw new Error("expected an EngineError");
}

describe("fieldMessage", () => {
  it("says a > rule in words with the field's unit", () => {
    const rule = ruleOf(() => decimalValue(-3, "assumptions.durationWeeks", { gt: 0 }));
    expect(fieldMessage(fieldSpec("assumptions.durationWeeks"), rule)).toBe(
      "Duration must be more than 0 weeks",
    );
  });

  it("says a >= rule as 'at least' with a £ unit", () => {
    const rule = ruleOf(() => decimalValue(-1, "assumptions.unitCost.weeklyCost", { min: 0 }));
    expect(fieldMessage(fieldSpec("assumptions.unitCost.weeklyCost"), rule)).toBe(
      "Weekly unit cost must be at least £0 a week",
    );
  });

  it("says a rate's bound as a percentage", () => {
    const rule = ruleOf(() => rateValue("150%", "assumptions.unitCost.inflationPerYear", { max: 1 }));
    expect(fieldMessage(fieldSpec("assumptions.unitCost.inflationPerYear"), rule)).toBe(
      "Inflation must be at most 100%",
    );
  });

  it("keeps other rules and drops the echoed value", () => {
    const rule = ruleOf(() => decimalValue("abc", "assumptions.durationWeeks"));
    expect(fieldMessage(fieldSpec("assumptions.durationWeeks"), rule)).toBe("Duration must be a number");
  });

  it("resolves table fields by their row path", () => {
    expect(fieldSpec("assumptions.investment.2.amountPerYear")?.label).toBe("Amount");
    expect(fieldSpec("triangulation.rows.0.percentChange")?.kind).toBe("percent");
  });
});
