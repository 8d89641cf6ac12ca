import { CARE_AVOIDED_RULES } from "../../src/engine/careAvoided";
import { WEEKLY_COST_RULES } from "../../src/engine/weeklyCostRules";

/** A weekly cost has one rule (never negative, at most £1bn a week); the formats use the same object. */
describe("weekly cost rule", () => {
  it("is the one the care-avoided calculator reads with", () => {
    expect(CARE_AVOIDED_RULES.weeklyCost).toBe(WEEKLY_COST_RULES);
    expect(WEEKLY_COST_RULES).toEqual({ min: 0, max: 1e9 });
  });
});
