import { Decimal, isEngineError, measureKey, parsePeriod } from "../engine";
import { numberText } from "./cellValues";
import { WorkbookError } from "./errors";
import type { TrackingActual } from "./layouts/trackingSheet";

/**
 * The actuals CSV `mtfs-benefits track import` reads (docs/cli.md, "Actuals CSV"): one actual per row under a
 * header naming the columns, in any order and any case:
 *   proposal  the proposal's name as on its sheet (required)
 *   stream    the stream id, blank for the proposal's only stream
 *   period    a calendar month "YYYY-MM" or a fiscal quarter "YYYY-Qn" of the FY that starts in April of YYYY
 *             ("2027-Q1" = April to June 2027, "2027-Q4" = January to March 2028: QUARTER_YEAR)
 *   measure   "saving" (£ recorded by finance) or a KPI of the stream: its words ("Avoided events", any case)
 *             or its key (avoidedEvents, caseloadReduction, …)
 *   value     a number; "£" and thousands commas are accepted; a KPI is never negative
 * Every bad row is reported by its line number, and then nothing is imported. Shared by `track import` and the
 * taskpane's Track tab, so both read a finance system's export the same way.
 */

/** One actual from the CSV. */
export interface ActualRow {
  /** Line number in the file (the header is line 1). */
  readonly line: number;
  readonly proposal: string;
  /** Absent: the proposal's only stream. */
  readonly stream?: string;
  readonly period: string;
  /** "saving" or a KPI key. */
  readonly measure: string;
  readonly value: Decimal;
}

/**
 * The Tracking sheet's row for an actual these rules have read, from `source`: its figure as read, never its
 * text again, so `track import`, the Track tab's check of a CSV and its write pass the writer the same rows.
 *
 * @example
 * trackingActual(parseActualsCsv(csv, "a.csv")[0], "a.csv line 2")
 * // { proposal: "CFS Targeted Prevention", stream: "", period: "2027-07", measure: "avoidedEvents", value: 2, source: "a.csv line 2" }
 */
export function trackingActual(r: ActualRow, source: string): TrackingActual {
  return {
    proposal: r.proposal,
    stream: r.stream ?? "",
    period: r.period,
    measure: r.measure,
    value: r.value.toNumber(),
    source,
  };
}

export const ACTUALS_COLUMNS = ["proposal", "stream", "period", "measure", "value"] as const;
const REQUIRED = ["proposal", "period", "measure", "value"] as const;
/** The most bad lines one error names before "and N more". */
const MAX_REPORTED = 5;

/** Splits CSV text into records of fields with their line numbers (RFC 4180 quoting; CRLF or LF). */
function records(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === "")) out.push({ line: startLine, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      startLine = line;
    } else field += ch;
  }
  if (quoted) throw new WorkbookError("bad-csv", `line ${startLine}: a quoted field is not closed`);
  if (field !== "" || fields.length > 0) endRecord();
  return out;
}

/** A number as finance systems export it ("1234.5", "-12", "£1,234.56"): read as a figure kept in a cell is. */
function numberOf(text: string): Decimal | undefined {
  const n = numberText(text);
  return n === null ? undefined : new Decimal(n);
}

/**
 * Parses the actuals CSV; every bad line is reported in one WorkbookError (`bad-csv`) (the first five, then how many more).
 *
 * @example
 * parseActualsCsv("proposal,period,measure,value\nCFS Targeted Prevention,2027-07,avoidedEvents,2\n", "a.csv")
 * // [{ line: 2, proposal: "CFS Targeted Prevention", period: "2027-07", measure: "avoidedEvents", value: 2 }]
 */
export function parseActualsCsv(text: string, file: string): ActualRow[] {
  const read = readActualsCsv(text, file);
  throwProblems(read.problems, file, (line) => `line ${line}`);
  return read.rows;
}

/** A bad actual: its line (or row number) and what is wrong, without where it is. */
export interface ActualProblem {
  readonly line: number;
  readonly text: string;
  /** The proposal the line names, when its fields line up and it names one (checked against a workbook apart). */
  readonly proposal?: string;
}

/**
 * Reads the actuals CSV as parseActualsCsv does, but returns the good rows beside every bad line's problem
 * (a header that cannot be read still throws), so a caller can check the good rows further and report every
 * bad line of the file at once (`track import`).
 *
 * @example
 * readActualsCsv("proposal,period,measure,value\nCFS,2027-13,saving,1\n", "a.csv").problems[0].line // 2
 */
export function readActualsCsv(
  text: string,
  file: string,
): { readonly rows: ActualRow[]; readonly problems: ActualProblem[] } {
  const rows = records(text.replace(/^\uFEFF/, ""));
  if (rows.length === 0)
    throw new WorkbookError("bad-csv", `${file}: is empty; expected a header ${ACTUALS_COLUMNS.join(",")}`);
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(ACTUALS_COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (unknown.length > 0 || missing.length > 0 || repeated.length > 0) {
    const why = [
      ...unknown.map((h) => `unknown column "${h}"`),
      ...missing.map((c) => `no "${c}" column`),
      ...repeated.map((h) => `"${h}" twice`),
    ].join(", ");
    throw new WorkbookError(
      "bad-csv",
      `${file}: line 1: ${why}; the columns are ${ACTUALS_COLUMNS.join(", ")} (stream optional)`,
    );
  }
  const at = (fields: readonly string[], c: string): string => {
    const k = header.indexOf(c);
    return k < 0 ? "" : (fields[k] ?? "").trim();
  };
  // Missing trailing fields are blank only when every missing column is optional (an export may drop a
  // blank last stream); otherwise the row does not line up with the header and its fields would be misread.
  const lineUp = (fields: readonly string[]): string | undefined =>
    fields.length > header.length ||
    header.slice(fields.length).some((c) => (REQUIRED as readonly string[]).includes(c))
      ? fieldCountProblem(fields.length, header)
      : undefined;
  return actualRowsOf(
    rows.slice(1).map(({ line, fields }) => {
      const problem = lineUp(fields);
      return problem !== undefined
        ? { line, problem }
        : {
            line,
            proposal: at(fields, "proposal"),
            stream: at(fields, "stream"),
            period: at(fields, "period"),
            measure: at(fields, "measure"),
            value: at(fields, "value"),
          };
    }),
  );
}

/** An example actual per column, for the message on a row that does not line up with its header. */
const EXAMPLE: Readonly<Record<(typeof ACTUALS_COLUMNS)[number], string>> = {
  proposal: "CFS Targeted Prevention",
  stream: "",
  period: "2027-07",
  measure: "avoidedEvents",
  value: "2",
};

/**
 * What is wrong with a row of `count` fields under `header`: how many fields it has and should have, the
 * columns, and an example line in the header's own order (a long row is often an unquoted "£1,234").
 *
 * @example
 * fieldCountProblem(3, ["proposal", "period", "measure", "value"])
 * // 'has 3 fields, the header has 4 (proposal, period, measure, value): give one field per column, e.g. "CFS Targeted Prevention,2027-07,avoidedEvents,2"'
 */
export function fieldCountProblem(count: number, header: readonly string[]): string {
  const example = header.map((c) => EXAMPLE[c as keyof typeof EXAMPLE] ?? "").join(",");
  const quote = count > header.length ? ' (quote a value holding a comma: "£1,234")' : "";
  return (
    `has ${count} field${count === 1 ? "" : "s"}, the header has ${header.length} (${header.join(", ")}): ` +
    `give one field per column${quote}, e.g. "${example}"`
  );
}

/** One actual as text, before it is checked: a CSV record's fields, or a row typed in the Track tab. */
export interface ActualText {
  /** Where it is: the CSV line, or the row's number in the tab. */
  readonly line: number;
  readonly proposal: string;
  readonly stream: string;
  readonly period: string;
  readonly measure: string;
  readonly value: string;
}

/**
 * Checks actuals given as text by the CSV's rules (a proposal, a month or quarter, a measure key, a number, a
 * KPI never negative, no measure twice for one period); every bad one (and every row already known bad, with
 * its `problem`) is reported in one WorkbookError (`bad-csv`), each named by `where(line)`, and then none is
 * returned. Shared by the CSV and the Track tab's rows, so both are read by one set of rules.
 *
 * @example
 * checkActualRows([{ line: 1, proposal: "CFS", stream: "", period: "2027-7", measure: "saving", value: "1" }],
 *   "the Track tab", (n) => `actual ${n}`) // throws "the Track tab: actual 1: period: …; nothing was imported"
 */
export function checkActualRows(
  rows: readonly (ActualText | { readonly line: number; readonly problem: string })[],
  file: string,
  where: (line: number) => string,
): ActualRow[] {
  const checked = actualRowsOf(rows, where);
  throwProblems(checked.problems, file, where);
  return checked.rows;
}

/**
 * checkActualRows's rules without the throw: the good rows beside every bad one's problem (a clash names the
 * earlier line by `where`), for a caller that reports them with others (the Track tab's check of a CSV).
 *
 * @example
 * readActualRows([{ line: 2, proposal: "CFS", stream: "", period: "2027-10", measure: "saving", value: "x" }])
 *   .problems // [{ line: 2, text: 'value: must be a number, got "x"' }]
 */
export function readActualRows(
  rows: readonly ActualText[],
  where: (line: number) => string = (line) => `line ${line}`,
): { readonly rows: ActualRow[]; readonly problems: ActualProblem[] } {
  return actualRowsOf(rows, where);
}

/** One WorkbookError (`bad-csv`) naming the first problems and how many more, when there are any. */
function throwProblems(
  problems: readonly ActualProblem[],
  file: string,
  where: (line: number) => string,
): void {
  if (problems.length === 0) return;
  const named = problems.slice(0, MAX_REPORTED).map((p) => `${where(p.line)}: ${p.text}`);
  const more = problems.length > MAX_REPORTED ? `; and ${problems.length - MAX_REPORTED} more bad lines` : "";
  throw new WorkbookError("bad-csv", `${file}: ${named.join("; ")}${more}; nothing was imported`);
}

/**
 * A period that overlaps one given earlier for the same measure (the same period twice, or a month inside a
 * quarter): named by the period field, both periods and the earlier line, so the user knows which to drop.
 *
 * @example
 * clashProblem("2027-Q2", "2027-07", "avoidedEvents", "CFS", "line 2")
 * // "period: 2027-Q2 overlaps 2027-07 on line 2 (avoidedEvents for CFS): a month inside a quarter would count twice; give the quarter or its months, not both"
 */
function clashProblem(
  period: string,
  earlier: string,
  measure: string,
  proposal: string,
  at: string,
): string {
  if (period === earlier)
    return `period: ${period} ${measure} for ${proposal} is already given on ${at}: give each measure once per period`;
  return (
    `period: ${period} overlaps ${earlier} on ${at} (${measure} for ${proposal}): ` +
    "a month inside a quarter would count twice; give the quarter or its months, not both"
  );
}

/** checkActualRows's rules: the good rows, and every bad one's problem (a clash names the line by `where`). */
function actualRowsOf(
  rows: readonly (ActualText | { readonly line: number; readonly problem: string })[],
  where: (line: number) => string = (line) => `line ${line}`,
): { rows: ActualRow[]; problems: ActualProblem[] } {
  const problems: ActualProblem[] = [];
  const out: ActualRow[] = [];
  const seen = new Map<string, { line: number; label: string; fromDay: number; toDay: number }[]>();
  for (const r of rows) {
    const named = "problem" in r || r.proposal.trim() === "" ? {} : { proposal: r.proposal.trim() };
    const bad = (why: string): void => void problems.push({ line: r.line, text: why, ...named });
    if ("problem" in r) {
      bad(r.problem);
      continue;
    }
    const { line } = r;
    const [proposal, stream, periodText, valueText] = [r.proposal, r.stream, r.period, r.value].map((t) =>
      t.trim(),
    );
    // A measure in words (as the sheets show it, any case) is its key.
    const measure = measureKey(r.measure);
    if (proposal === "") bad("proposal: is required");
    let period: ReturnType<typeof parsePeriod> | undefined;
    try {
      period = parsePeriod(periodText);
    } catch (e) {
      if (!isEngineError(e)) throw e;
      bad(`${e.field}: ${e.rule}`);
    }
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(measure)) {
      bad(
        `measure: must be "saving" or a KPI of the stream, in words or its key (e.g. avoidedEvents), got "${measure}"`,
      );
    }
    const value = numberOf(valueText);
    if (value === undefined) bad(`value: must be a number, got "${valueText}"`);
    else if (value.isNeg() && measure !== "saving") bad(`value: a KPI actual must be ≥ 0, got ${valueText}`);
    if (proposal === "" || period === undefined || value === undefined) continue;
    // The same measure twice for one period (or a quarter and a month in it) would count twice.
    const key = JSON.stringify([proposal, stream, measure]);
    const earlier = seen.get(key) ?? [];
    const clash = earlier.find((e) => e.fromDay < period.toDay && period.fromDay < e.toDay);
    if (clash) {
      bad(clashProblem(period.label, clash.label, measure, proposal, where(clash.line)));
      continue;
    }
    seen.set(key, [...earlier, { line, label: period.label, fromDay: period.fromDay, toDay: period.toDay }]);
    out.push({ line, proposal, ...(stream === "" ? {} : { stream }), period: period.label, measure, value });
  }
  // A row with several problems is one bad row; drop its repeats' lines from the good rows.
  const bad = new Set(problems.map((p) => p.line));
  return { rows: out.filter((r) => !bad.has(r.line)), problems };
}

/**
 * Problems named "line N: …" in line order (a stable sort keeps each line's own order; others last), so the
 * CSV's own problems and the workbook's read as one list, as `track import` and the Track tab report them.
 *
 * @example
 * inLineOrder(["line 5: stream: …", "line 2: period: …"]) // ["line 2: period: …", "line 5: stream: …"]
 */
export function inLineOrder(problems: readonly string[]): string[] {
  const lineOf = (p: string): number => Number(/^line (\d+):/.exec(p)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return [...problems].sort((x, y) => lineOf(x) - lineOf(y));
}
