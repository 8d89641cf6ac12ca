import { EngineError } from "./errors";
import { fyLabel } from "./fiscalYear";
import type { Horizon } from "./types";

/**
 * The error for an actual (a month, a quarter or a FY) outside the proposal's horizon: it states the horizon
 * (first to last FY) and, for a period, the months and quarters that are inside it, so the user can fix the
 * row without opening the proposal. The one wording for every tracking path.
 *
 * @example
 * outsideHorizon("2040-01", { firstFy: 2026, lastFy: 2031 }).rule
 * // "2040-01 is outside the proposal's horizon, FY26/27 to FY31/32: give a month from 2026-04 to 2032-03 or a quarter from 2026-Q1 to 2031-Q4"
 * outsideHorizon("FY40/41", { firstFy: 2026, lastFy: 2031 }, { field: "fy" }).rule
 * // "FY40/41 is outside the proposal's horizon, FY26/27 to FY31/32"
 */
export function outsideHorizon(
  what: string,
  horizon: Pick<Horizon, "firstFy" | "lastFy">,
  options: { readonly field?: "period" | "fy"; readonly name?: string } = {},
): EngineError {
  const field = options.field ?? "period";
  const { firstFy, lastFy } = horizon;
  const span = `${fyLabel(firstFy)} to ${fyLabel(lastFy)}`;
  const inside =
    field === "fy"
      ? ""
      : `: give a month from ${firstFy}-04 to ${lastFy + 1}-03 or a quarter from ${firstFy}-Q1 to ${lastFy}-Q4`;
  return new EngineError(
    "out-of-range",
    field,
    `${what} is outside ${options.name ?? "the proposal"}'s horizon, ${span}${inside}`,
  );
}
