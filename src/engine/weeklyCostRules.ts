import type { NumberRules } from "./parse/read";

/**
 * The one rule for a weekly cost (£ a week), wherever one is read: never negative (it is the cost of care
 * avoided or netted off), and at most £1bn a week, beyond which a figure is a typo.
 *
 * @example
 * decimalValue(cell, "weeklyCost", WEEKLY_COST_RULES);
 */
export const WEEKLY_COST_RULES: NumberRules = { min: 0, max: 1e9 };
