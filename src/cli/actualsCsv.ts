import { isWorkbookError } from "../workbook/errors";
import {
  parseActualsCsv as parseCsv,
  readActualsCsv as readCsv,
  type ActualProblem,
  type ActualRow,
} from "../workbook/actualsCsv";
import { CliError } from "./errors";

/** The actuals CSV `track import` reads: the workbook layer's parser (docs/cli.md, "Actuals CSV"). */

export { ACTUALS_COLUMNS, type ActualRow } from "../workbook/actualsCsv";

/**
 * Parses the actuals CSV; bad lines are one CliError (exit 2, one line).
 *
 * @example
 * parseActualsCsv("proposal,period,measure,value\nCFS Targeted Prevention,2027-07,avoidedEvents,2\n", "a.csv")[0].line // 2
 */
export function parseActualsCsv(text: string, file: string): ActualRow[] {
  try {
    return parseCsv(text, file);
  } catch (e) {
    if (isWorkbookError(e)) throw new CliError(e.message);
    throw e;
  }
}

/**
 * Reads the actuals CSV: its good rows and every bad line's problem; a header it cannot read is a CliError.
 *
 * @example
 * readActualsCsv("proposal,period,measure,value\nCFS,2027-13,saving,1\n", "a.csv").problems[0].line // 2
 */
export function readActualsCsv(
  text: string,
  file: string,
): { readonly rows: ActualRow[]; readonly problems: ActualProblem[] } {
  try {
    return readCsv(text, file);
  } catch (e) {
    if (isWorkbookError(e)) throw new CliError(e.message);
    throw e;
  }
}
