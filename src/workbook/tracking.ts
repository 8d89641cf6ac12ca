import { nextFreeRow } from "./appendRows";
import {
  DEFAULT_RAG_THRESHOLDS,
  Decimal,
  actualCheck,
  findStream,
  isEngineError,
  parsePeriod,
  parseProposal,
  periodBreaks,
  programmeClosure,
  MODELLED_PROGRAMME,
  singleCohort,
  computeAssumptions,
  assumptionsClosure,
  trackAssumptions,
  edgeOfCareFeed,
  type EdgeOfCareResult,
  type MeasureActual,
  type TrackingLinks,
  type ProposalAssumptions,
  type Closure,
  type Period,
  type FyStartYear,
  type Profile,
  type ProfileInput,
  type RagThresholds,
  type TrackingSummary,
} from "../engine";
import { numberText } from "./cellValues";
import { inputCaption } from "./layouts/tornadoBlock";
import { WorkbookError } from "./errors";
import { toWrite, writeLayout } from "./ownedCells";
import { listProposalSheets, readProposal } from "./operations";
import { readRegister } from "./register";
import {
  TRACKING_COLUMNS,
  TRACKING_HEADER_ROW,
  TRACKING_SHEET,
  measureCode,
  trackingLayout,
  trackingRowCells,
  type TrackingActual,
} from "./layouts/trackingSheet";
import type { CellContent, WorkbookPort } from "./port";

/**
 * Actuals in the workbook (issue 15): read from the Tracking sheet, imported into it without ever changing an
 * actual already there (a contradicting import is reported), and tracked per proposal against its plan.
 */

/** An actual on the Tracking sheet and the row it is on now. */
export interface SheetActual extends TrackingActual {
  readonly row: number;
}

/** A proposal sheet's name, its proposal name and its parsed assumptions. */
export interface TrackedProposal {
  readonly sheet: string;
  readonly name: string;
  readonly input: ProfileInput;
}

function text(c: CellContent | undefined): string {
  return c === undefined || c.value === null ? "" : String(c.value).trim();
}

/**
 * The actuals on the Tracking sheet (none when it is absent), from the row below its header wherever that is;
 * rows with a blank proposal are skipped, a value that is not a number is a problem naming the cell.
 *
 * @example
 * const { actuals } = await readTrackingActuals(port); // [{ proposal: "CFS Targeted Prevention", row: 4, … }]
 */
export async function readTrackingActuals(
  port: WorkbookPort,
): Promise<{ readonly actuals: readonly SheetActual[]; readonly problems: readonly string[] }> {
  if (!(await port.listSheets()).some((s) => s.name === TRACKING_SHEET)) return { actuals: [], problems: [] };
  const rows = await port.readUsedRange(TRACKING_SHEET);
  const header = rows.findIndex((r) => text(r[0]) === TRACKING_COLUMNS[0].caption && text(r[4]) === "Actual");
  if (header < 0) return { actuals: [], problems: [`${TRACKING_SHEET}: no header row (Proposal … Actual)`] };
  const actuals: SheetActual[] = [];
  const problems: string[] = [];
  rows.slice(header + 1).forEach((r, i) => {
    const row = header + 2 + i;
    if (text(r[0]) === "") return;
    const raw = r[4]?.value ?? null;
    const value = typeof raw === "number" ? raw : numberText(text(r[4]));
    if (value === null || !Number.isFinite(value)) {
      problems.push(`${TRACKING_SHEET}!E${row}: Actual must be a number, got "${text(r[4])}"`);
      return;
    }
    actuals.push({
      row,
      proposal: text(r[0]),
      stream: text(r[1]),
      period: text(r[2]),
      measure: measureCode(text(r[3])),
      value,
      source: text(r[5]),
    });
  });
  return { actuals, problems };
}

/**
 * A proposal sheet that is not a single cohort (several streams, or one of another kind): tracked per stream
 * (streamTracking.ts). `why` says what single-cohort-only views (the Track tab's draft view) cannot read.
 */
export interface UntrackedProposal {
  readonly sheet: string;
  readonly name: string;
  readonly why: string;
  readonly plan: Profile;
  readonly mtfsLastFy: FyStartYear;
  readonly assumptions: ProposalAssumptions;
}

/** Any proposal sheet's proposal, single-cohort or not. */
export interface AnyProposal {
  readonly sheet: string;
  readonly name: string;
  readonly assumptions: ProposalAssumptions;
  /** What tracks it besides the Tracking sheet (an edge-of-care programme). */
  readonly links?: TrackingLinks;
  /** Its sheet could not be read (why): it is tracked on the assumptions last refreshed (the register's). */
  readonly notRefreshed?: string;
}

function untrackedWhy(a: Parameters<typeof singleCohort>[0]): string {
  try {
    singleCohort(a, "tracking");
    return "tracking works on single-cohort proposals only";
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return e.rule;
  }
}

/**
 * Every proposal sheet's proposal, by sheet name and by proposal name. A sheet whose assumptions the engine
 * rejects is tracked on the assumptions it was last refreshed with (the register's), marked `notRefreshed` and
 * listed in `problems`, so one bad cell neither drops it from the Dashboard nor stops the others being tracked;
 * only when those are refused too is it left out. A proposal that is not a single cohort is listed in
 * `untracked` (for single-cohort views) and tracked per stream.
 */
export async function trackedProposals(port: WorkbookPort): Promise<{
  proposals: TrackedProposal[];
  untracked: UntrackedProposal[];
  /** Every readable proposal sheet: the single-cohort ones, then the others (each in sheet order). */
  all: AnyProposal[];
  problems: string[];
}> {
  const proposals: TrackedProposal[] = [];
  const untracked: UntrackedProposal[] = [];
  const all: AnyProposal[] = [];
  const others: AnyProposal[] = [];
  const problems: string[] = [];
  const register = await readRegister(port);
  const add = (sheet: string, p: ReturnType<typeof parseProposal>, notRefreshed?: string): void => {
    const name = p.opportunity.name;
    const entry: AnyProposal = {
      sheet,
      name,
      assumptions: p.assumptions,
      ...(p.tracking ? { links: p.tracking } : {}),
      ...(notRefreshed === undefined ? {} : { notRefreshed }),
    };
    if (p.assumptions.cohort === undefined) {
      // singleCohort says why in words (the streams it has); it throws whenever there is no cohort.
      const why = untrackedWhy(p.assumptions);
      untracked.push({
        sheet,
        name,
        why,
        plan: computeAssumptions(p.assumptions).profile,
        mtfsLastFy: p.assumptions.horizon.mtfsLastFy,
        assumptions: p.assumptions,
      });
      others.push(entry);
    } else {
      proposals.push({ sheet, name, input: p.assumptions.cohort });
      all.push(entry);
    }
  };
  for (const sheet of await listProposalSheets(port)) {
    let parsed: ReturnType<typeof parseProposal>;
    try {
      parsed = parseProposal(await readProposal(port, sheet));
    } catch (e) {
      if (!isEngineError(e)) throw e;
      // The field in words as the sheet captions it, its path in brackets for whoever edits the JSON.
      const why = `${inputCaption(e.field, new Map())} (${e.field}): ${e.rule}`;
      const last = register.proposals.find((s) => s.sheet === sheet)?.proposal;
      try {
        if (last === undefined) throw e;
        add(sheet, parseProposal(last), why);
        problems.push(`${sheet}: not refreshed (tracked on its last refreshed assumptions): ${why}`);
      } catch (again) {
        if (!isEngineError(again)) throw again;
        problems.push(`${sheet}: not tracked: ${why}`);
      }
      continue;
    }
    add(sheet, parsed);
  }
  // Single-cohort proposals first, as the closure table has always listed them.
  return { proposals, untracked, all: [...all, ...others], problems };
}

/**
 * The proposal an actual names: by its sheet's name or by its proposal's name (both are how users know it; the
 * sheet name is the one key, and the one import writes).
 *
 * @example
 * findProposal(proposals, "CFS Targeted Prevention")?.sheet // "CFS Targeted Prevention"
 */
export function findProposal<P extends { readonly sheet: string; readonly name: string }>(
  proposals: readonly P[],
  name: string,
): P | undefined {
  const n = name.trim();
  return proposals.find((p) => p.sheet === n) ?? proposals.find((p) => p.name === n);
}

/**
 * The name an actual is written under on the Tracking sheet: its proposal's full name, so a reader sees which
 * proposal a row is (a sheet's name is cut to 31 characters), unless that name would find another proposal
 * first (a sheet of that name), when it is the sheet's name; a name that finds no proposal stays as given.
 *
 * @example
 * trackingName(proposals, "Maximising Independence for W") // "Maximising Independence for Working Age Adults"
 */
export function trackingName(proposals: readonly AnyProposal[], given: string): string {
  const p = findProposal(proposals, given);
  if (p === undefined) return given;
  return findProposal(proposals, p.name) === p ? p.name : p.sheet;
}

/** The stream id an actual is of (the engine's findStream), or its text as given when it names none. */
function streamIdOf(p: AnyProposal | undefined, stream: string): string {
  return (p && findStream(p.assumptions, stream)?.id) ?? stream;
}

/** The key an actual is one of: the same proposal (however named), stream (blank is the only one) and measure. */
function keyOf(proposals: readonly AnyProposal[], a: TrackingActual): string {
  const p = findProposal(proposals, a.proposal);
  return JSON.stringify([p?.sheet ?? a.proposal, streamIdOf(p, a.stream), a.measure]);
}

/** Whether two periods share a day ("2027-Q2" and "2027-08" do). */
function overlaps(a: string, b: string): boolean {
  try {
    const x = parsePeriod(a);
    const y = parsePeriod(b);
    return x.fromDay < y.toDay && y.fromDay < x.toDay;
  } catch (e) {
    if (isEngineError(e)) return a === b;
    throw e;
  }
}

/** What an import did (or, on a dry run, would do). */
export interface ImportResult {
  /** Actuals added as new rows. */
  readonly added: readonly TrackingActual[];
  /** Imported actuals already on the sheet with the same value. */
  readonly unchanged: number;
  /** Imported actuals that contradict an actual on the sheet, which is kept. */
  readonly conflicts: readonly { readonly existing: SheetActual; readonly imported: TrackingActual }[];
}

/**
 * Checks actuals against the workbook's proposals: each names a proposal sheet (or its proposal's name), and
 * then the engine's check (actualCheck: one of its streams, a measure that stream is tracked on, a period
 * inside its horizon). Returns one problem per bad actual, by `where` (e.g. its CSV line).
 *
 * @example
 * await checkActuals(port, rows, (k) => `line ${k + 2}`) // ["line 5: proposal: no proposal sheet is called \"CFS\""]
 */
export async function checkActuals(
  port: WorkbookPort,
  actuals: readonly TrackingActual[],
  where: (k: number) => string,
): Promise<string[]> {
  const { all } = await trackedProposals(port);
  const checks = new Map<string, ReturnType<typeof actualCheck>>();
  const checkOf = (p: AnyProposal) => {
    const known = checks.get(p.sheet);
    if (known) return known;
    const made = actualCheck(p.assumptions, { name: p.sheet });
    checks.set(p.sheet, made);
    return made;
  };
  const problems: { k: number; text: string }[] = [];
  // Passing avoided-events actuals per proposal sheet and stream: their periods must follow on (below).
  const events = new Map<string, { k: number; period: Period }[]>();
  actuals.forEach((a, k) => {
    const p = findProposal(all, a.proposal);
    if (p === undefined) {
      problems.push({ k, text: noProposalText(a.proposal) });
      return;
    }
    try {
      const s = checkOf(p)(a);
      if (a.measure === EVENTS) {
        const key = JSON.stringify([p.sheet, s.id]);
        events.set(key, [...(events.get(key) ?? []), { k, period: parsePeriod(a.period) }]);
      }
    } catch (e) {
      if (!isEngineError(e)) throw e;
      problems.push({ k, text: `${e.field}: ${e.rule}` });
    }
  });
  if (events.size > 0) problems.push(...(await eventBreaks(port, all, events)));
  return problems.sort((x, y) => x.k - y.k).map((x) => `${where(x.k)}: ${x.text}`);
}

const noProposalText = (name: string): string => `proposal: no proposal sheet is called "${name}"`;

/**
 * The proposal problem of each named line that names no proposal of the workbook: for lines refused for
 * another reason (a bad period or value), so all of a line's problems are reported at once, as checkActuals
 * reports them for the good lines. `where` names the line.
 *
 * @example
 * await unknownProposals(port, [{ where: "line 3", proposal: "Nobody" }]) // ['line 3: proposal: no proposal sheet is called "Nobody"']
 */
export async function unknownProposals(
  port: WorkbookPort,
  named: readonly { readonly where: string; readonly proposal: string }[],
): Promise<string[]> {
  if (named.length === 0) return [];
  const { all } = await trackedProposals(port);
  return named
    .filter((n) => findProposal(all, n.proposal) === undefined)
    .map((n) => `${n.where}: ${noProposalText(n.proposal.trim())}`);
}

const EVENTS = "avoidedEvents";

/**
 * The imported avoided events that, with those already on the Tracking sheet, would leave a gap or overlap in
 * their stream's periods (the forecast splices only periods that follow on: periodBreaks). An import that
 * repeats or contradicts a sheet actual is left to importActuals (unchanged, or a conflict).
 */
async function eventBreaks(
  port: WorkbookPort,
  all: readonly AnyProposal[],
  imported: ReadonlyMap<string, readonly { k: number; period: Period }[]>,
): Promise<{ k: number; text: string }[]> {
  const onSheet = new Map<string, Period[]>();
  for (const e of (await readTrackingActuals(port)).actuals) {
    if (e.measure !== EVENTS) continue;
    const p = findProposal(all, e.proposal);
    const id = p && findStream(p.assumptions, e.stream)?.id;
    if (p === undefined || id === undefined) continue;
    try {
      const key = JSON.stringify([p.sheet, id]);
      onSheet.set(key, [...(onSheet.get(key) ?? []), parsePeriod(e.period)]);
    } catch (err) {
      if (!isEngineError(err)) throw err;
    }
  }
  const out: { k: number; text: string }[] = [];
  for (const [key, mine] of imported) {
    const sheet = onSheet.get(key) ?? [];
    const [name, stream] = JSON.parse(key) as [string, string];
    const fresh = mine.filter(
      (m) => !sheet.some((e) => e.fromDay < m.period.toDay && m.period.fromDay < e.toDay),
    );
    const periods = [...sheet.map((period) => ({ k: -1, period })), ...fresh].sort(
      (x, y) => x.period.fromDay - y.period.fromDay,
    );
    sheet.sort((x, y) => x.fromDay - y.fromDay);
    // A gap already on the sheet (typed by hand) that an import narrows is not the import's doing.
    const typedGap = (from: number, to: number): boolean =>
      sheet.some((e, i) => i > 0 && sheet[i - 1].toDay <= from && to <= e.fromDay);
    for (const b of periodBreaks(periods.map((x) => x.period))) {
      const before = periods[b.at - 1].period;
      const after = periods[b.at].period;
      if (before.toDay < after.fromDay && typedGap(before.toDay, after.fromDay)) continue;
      // Named on the imported row of the pair (the later one when both are imported).
      const blamed = periods[b.at].k >= 0 ? periods[b.at] : periods[b.at - 1];
      if (blamed.k < 0) continue;
      const rule =
        periods[b.at].k >= 0 ? b.rule : `is followed by ${periods[b.at].period.label}, leaving a gap`;
      out.push({
        k: blamed.k,
        text: `period: with ${name}'s ${stream} ${EVENTS} on the ${TRACKING_SHEET} sheet, ${blamed.period.label} ${rule}`,
      });
    }
  }
  return out;
}

/**
 * Adds actuals to the Tracking sheet (creating it when absent). An actual already on the sheet is never
 * changed: the same value again is left as it is, a different one (or an overlapping period) is a conflict,
 * reported and not imported. With `dryRun` nothing is written.
 *
 * @example
 * const r = await importActuals(port, rows, { dryRun: false }); // r.added.length, r.conflicts
 */
export async function importActuals(
  port: WorkbookPort,
  actuals: readonly TrackingActual[],
  options: { readonly dryRun: boolean },
): Promise<ImportResult> {
  const sheets = await port.listSheets();
  const clashing = sheets.find(
    (s) => s.name !== TRACKING_SHEET && s.name.toLowerCase() === TRACKING_SHEET.toLowerCase(),
  );
  if (clashing) {
    throw new WorkbookError(
      "sheet-exists",
      `a sheet named "${clashing.name}" is in the workbook: rename it so the ${TRACKING_SHEET} sheet can be added`,
    );
  }
  const { actuals: existing, problems } = await readTrackingActuals(port);
  // A sheet we cannot read (no header where we put it, an actual that is not a number) is not written to:
  // rows appended below it could land in the user's own cells, or duplicate an actual we could not see.
  if (problems.length) {
    throw new WorkbookError("sheet-moved", `nothing imported: ${problems.join("; ")}`);
  }
  const { all: proposals } = await trackedProposals(port);
  const sameKey = (x: TrackingActual, y: TrackingActual): boolean =>
    keyOf(proposals, x) === keyOf(proposals, y);
  const added: TrackingActual[] = [];
  const conflicts: { existing: SheetActual; imported: TrackingActual }[] = [];
  let unchanged = 0;
  const linked = new Map<string, string>();
  for (const given of actuals) {
    const a = { ...given, proposal: trackingName(proposals, given.proposal) };
    const p = findProposal(proposals, a.proposal);
    if (p) linked.set(a.proposal, p.sheet);
    const same = existing.find((e) => sameKey(e, a) && e.period === a.period && e.value === a.value);
    if (same) {
      unchanged++;
      continue;
    }
    const clash = existing.find((e) => sameKey(e, a) && overlaps(e.period, a.period));
    if (clash) conflicts.push({ existing: clash, imported: a });
    else added.push(a);
  }
  if (options.dryRun || added.length === 0) return { added, unchanged, conflicts };
  const sheetOf = (proposal: string): string | undefined => linked.get(proposal);
  if (!sheets.some((s) => s.name === TRACKING_SHEET)) {
    await writeLayout(port, trackingLayout(added, sheetOf), "tracking", new Map());
  } else {
    const at = await nextFreeRow(port, TRACKING_SHEET, TRACKING_HEADER_ROW);
    await port.writeCells(TRACKING_SHEET, trackingRowCells(added, at, sheetOf).map(toWrite));
  }
  return { added, unchanged, conflicts };
}

/**
 * A proposal's rows of the Tracking sheet as tracking reads them (the stream named by id, blank for its only one).
 *
 * @example
 * measuredActuals([{ proposal: "CFS", stream: "", period: "2027-Q3", measure: "avoidedEvents", value: 1, row: 4 }])
 * // [{ period: "2027-Q3", measure: "avoidedEvents", value: D(1) }]
 */
export function measuredActuals(mine: readonly SheetActual[]): MeasureActual[] {
  return mine.map((a) => ({
    period: a.period,
    measure: a.measure,
    value: new Decimal(a.value),
    ...(a.stream === "" ? {} : { stream: a.stream }),
  }));
}

/** The forecast `track report` shows for a proposal, or why it withholds it. */
export type ReportedForecast = { readonly forecast: Profile } | { readonly withheld: string };

/** Edge-of-care summaries (calc edge-of-care's results) fed to the proposals whose tracking names one. */
export interface EdgeOfCareOption {
  /** Edge-of-care summaries: a proposal that names one has its diversions as avoided-events actuals. */
  readonly edgeOfCare?: readonly EdgeOfCareResult[];
}

/**
 * A proposal's actuals as tracking reads them: its Tracking sheet rows and, given edge-of-care summaries, its
 * programme's diversions. One place, so the report and the reprofile's forecast track the same actuals.
 * May throw an EngineError (a programme it names is not among the summaries).
 */
function trackedActuals(
  p: AnyProposal,
  mine: readonly SheetActual[],
  options: EdgeOfCareOption,
): MeasureActual[] {
  const measured = measuredActuals(mine);
  if (options.edgeOfCare && p.links?.edgeOfCare)
    measured.push(...edgeOfCareFeed(p.assumptions, p.links, options.edgeOfCare));
  return measured;
}

/**
 * The forecast a proposal's report shows, from the same rows, edge-of-care summaries and tracking
 * (trackedActuals, trackAssumptions) as trackWorkbook, so `track reprofile` can print it beside the revised
 * profile without re-reading the sheets; undefined when there are no actuals, withheld (why) when the report
 * withholds it or cannot track these actuals (e.g. a linked programme's summary not given).
 *
 * @example
 * reportedForecast(p, all, actuals, { edgeOfCare }) // { forecast: { years: […], fullRunRate: … } }
 */
export function reportedForecast(
  p: AnyProposal,
  all: readonly AnyProposal[],
  actuals: readonly SheetActual[],
  options: EdgeOfCareOption = {},
): ReportedForecast | undefined {
  try {
    const mine = actuals.filter((a) => findProposal(all, a.proposal) === p);
    const measured = trackedActuals(p, mine, options);
    if (measured.length === 0) return undefined;
    const summary = trackAssumptions(p.assumptions, measured);
    if (summary.forecast !== undefined) return { forecast: summary.forecast.forecast };
    return summary.forecastWithheld === undefined ? undefined : { withheld: summary.forecastWithheld };
  } catch (e) {
    if (!isEngineError(e)) throw e;
    // The report names this problem (exit 2); beside a reprofile it is why there is no forecast.
    return { withheld: `${e.field}: ${e.rule}` };
  }
}

/** One proposal's tracking: its sheet, name and summary. */
export interface ProposalTracking {
  readonly sheet: string;
  readonly name: string;
  readonly summary: TrackingSummary;
  /** Its sheet could not be read (why): tracked on the assumptions it was last refreshed with. */
  readonly notRefreshed?: string;
}

/** A workbook's tracking: proposals with actuals, every proposal's closure row and the programme's. */
export interface WorkbookTracking {
  readonly proposals: readonly ProposalTracking[];
  readonly problems: readonly string[];
  readonly closures: readonly Closure[];
  readonly programme: Closure;
  /** The proposals (by name) whose sheets could not be read: their rows and closure are their last figures. */
  readonly notRefreshed: readonly string[];
}

/**
 * Tracks every proposal that has actuals on the Tracking sheet (or, given edge-of-care summaries, a programme
 * it names) against its plan.
 *
 * @example
 * const { proposals } = await trackWorkbook(port); // [{ sheet: "CFS Targeted Prevention", summary: … }]
 */
export async function trackWorkbook(
  port: WorkbookPort,
  thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS,
  options: EdgeOfCareOption = {},
): Promise<WorkbookTracking> {
  const { actuals, problems } = await readTrackingActuals(port);
  const tracked = await trackedProposals(port);
  const all = tracked.all;
  const out: ProposalTracking[] = [];
  const closures: Closure[] = [];
  const issues = [...problems, ...tracked.problems];
  for (const p of all) {
    const mine = actuals.filter((a) => findProposal(all, a.proposal) === p);
    try {
      const measured = trackedActuals(p, mine, options);
      if (measured.length === 0) {
        closures.push(assumptionsClosure(p.name, p.assumptions, []));
        continue;
      }
      const summary = trackAssumptions(p.assumptions, measured, thresholds);
      closures.push(assumptionsClosure(p.name, p.assumptions, measured, thresholds, summary));
      out.push({
        sheet: p.sheet,
        name: p.name,
        summary,
        ...(p.notRefreshed === undefined ? {} : { notRefreshed: p.notRefreshed }),
      });
    } catch (e) {
      if (!isEngineError(e)) throw e;
      const rows = mine.map((a) => a.row).join(", ");
      const where = rows === "" ? p.sheet : `${TRACKING_SHEET} rows ${rows} (${p.sheet})`;
      issues.push(`${where}: ${e.field}: ${e.rule}`);
    }
  }
  return {
    proposals: out,
    problems: issues,
    closures,
    programme: programmeClosure(MODELLED_PROGRAMME, closures),
    notRefreshed: all.flatMap((p) => (p.notRefreshed === undefined ? [] : [p.name])),
  };
}
