/**
 * The MTFS formula library. Each function's JSDoc is its Excel metadata: custom-functions-metadata-plugin
 * turns it into functions.json at build time (the description and @param texts are the help Excel shows in
 * autocomplete), and docs/functions.md is generated from the same text. Bodies are thin: read the cells,
 * call the engine, shape the result; `scalar`/`grid` turn any error into an Excel error value.
 * Excel passes null for an omitted optional argument; each reader applies the documented default.
 */
import { fyLabel, inflate } from "../engine";
import { cellFy, cellNumber, cellRate } from "./cells";
import { scalar } from "./invoke";

/**
 * Fiscal year label (1 April to 31 March) of a date.
 * @customfunction FY
 * @param date A date (a date cell, DATE(...) or text "YYYY-MM-DD"), or a fiscal start year such as 2026.
 * @returns The fiscal year label, e.g. "FY26/27".
 * @example =MTFS.FY(DATE(2026,8,1)) → "FY26/27"
 * @example =MTFS.FY("2027-04-01") → "FY27/28"
 */
export function fiscalYear(date: number | string): string | CustomFunctions.Error {
  return scalar(() => fyLabel(cellFy(date, "date")));
}

/**
 * A price moved from one fiscal year's prices to another's, with inflation stepped each 1 April.
 * @customfunction INFLATE
 * @param amount The price or cost in fromFy prices (£).
 * @param fromFy The fiscal year the amount is priced in: "FY26/27", 2026, or a date in that year.
 * @param toFy The fiscal year to move the price to (earlier years deflate).
 * @param inflationPerYear Inflation per year as a fraction or percentage (0.04 or 4%).
 * @returns amount × (1 + inflationPerYear) ^ (toFy − fromFy), in £.
 * @example =MTFS.INFLATE(1000, "FY26/27", "FY28/29", 4%) → 1081.6
 * @example =MTFS.INFLATE(1338, 2026, 2031, 0.04) → 1627.9002…
 */
export function inflatePrice(
  amount: number,
  fromFy: number | string,
  toFy: number | string,
  inflationPerYear: number | string,
): number | CustomFunctions.Error {
  return scalar(() =>
    inflate(
      cellNumber(amount, "amount"),
      cellFy(fromFy, "fromFy"),
      cellFy(toFy, "toFy"),
      cellRate(inflationPerYear, "inflationPerYear"),
    ).toNumber(),
  );
}
