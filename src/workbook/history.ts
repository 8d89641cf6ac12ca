import { nextFreeRow } from "./appendRows";
import {
  REPROFILE_MEASURES,
  cohortInput,
  describeReprofile,
  findStream,
  reprofile,
  reprofiledAssumptionsJson,
  Decimal,
  reprofileStream,
  streamReprofiledJson,
  type Reprofile,
  type StreamReprofile,
  type ReprofileMeasure,
  type ReprofileReading,
} from "../engine";
import { WorkbookError } from "./errors";
import {
  HISTORY_HEADER_ROW,
  HISTORY_SHEET,
  historyLayout,
  historyRowCells,
  type HistoryRow,
} from "./layouts/historySheet";
import { readProposal } from "./operations";
import { toWrite, writeLayout } from "./ownedCells";
import type { WorkbookPort } from "./port";
import { readRegister, writeRegister } from "./register";
import {
  findProposal,
  readTrackingActuals,
  reportedForecast,
  trackedProposals,
  type AnyProposal,
  type EdgeOfCareOption,
  type ReportedForecast,
  type SheetActual,
} from "./tracking";

/**
 * Reprofiling in the workbook (issue 15): a proposal's avoided-events actuals from the Tracking sheet fitted by
 * reprofile.ts, and, when accepted, kept as a new dated version: its assumptions JSON in the register (beside
 * the approved proposal, which is not changed) and its figures on the Reprofiles sheet.
 */

/** A dated version of a proposal's assumptions, as the register keeps it. */
export interface ProposalVersion {
  readonly date: string;
  readonly reading: ReprofileReading;
  readonly description: string;
  readonly assumptions: Readonly<Record<string, unknown>>;
}

/** A proposed reprofile of one proposal sheet. */
export interface ProposedReprofile {
  readonly sheet: string;
  readonly name: string;
  /** A single cohort's (or a proposal's one cohort stream's) reprofile, or another stream's. */
  readonly reprofile: Reprofile | StreamReprofile;
  /** The revised assumptions JSON (the approved JSON with the reading applied). */
  readonly assumptions: Record<string, unknown>;
  /** The forecast `track report` shows for the proposal (or why it withholds it), to print beside the reprofile. */
  readonly forecast?: ReportedForecast;
}

/**
 * Fits a reprofile to a proposal's actuals on the Tracking sheet: of `measure`, or the first of avoided events,
 * £ saving and caseload reduction that has actuals. A proposal of several streams is reprofiled on its one
 * cohort stream (the readings revise a cohort's start, target or ramp). Given edge-of-care summaries, the
 * forecast beside it is the report's with them (`track report --edge-of-care`); the fit reads the Tracking sheet.
 *
 * @example
 * const p = await proposeReprofile(port, "CFS Targeted Prevention"); // p.reprofile.reading
 */
export async function proposeReprofile(
  port: WorkbookPort,
  proposal: string,
  measure?: string,
  options: EdgeOfCareOption = {},
): Promise<ProposedReprofile> {
  const { proposals, all, problems } = await trackedProposals(port);
  const p = findProposal(all, proposal);
  if (!p) {
    const why = problems.find((x) => x.startsWith(`${proposal}:`));
    throw new WorkbookError("not-a-proposal-sheet", why ?? `no proposal sheet is called "${proposal}"`);
  }
  const single = findProposal(proposals, proposal);
  const streams = p.assumptions.streams;
  const cohorts = streams.flatMap((s, k) => (s.kind === "cohort" ? [k] : []));
  const { actuals } = await readTrackingActuals(port);
  // The report's forecast, beside the reprofile: a revised plan and the expected outturn are different figures.
  const forecast = reportedForecast(p, all, actuals, options);
  const shown = forecast === undefined ? {} : { forecast };
  if (single === undefined && cohorts.length !== 1) {
    return { ...(await proposeStreamReprofile(port, p, actuals, measure)), ...shown };
  }
  const k = cohorts[0] ?? 0;
  const input = single?.input ?? cohortInput(p.assumptions, k);
  const mine = actuals.filter(
    (a) => findProposal(all, a.proposal) === p && findStream(p.assumptions, a.stream)?.index === k,
  );
  if (measure !== undefined && !(REPROFILE_MEASURES as readonly string[]).includes(measure))
    throw new WorkbookError(
      "no-actuals",
      `${p.sheet}: a cohort is reprofiled on ${REPROFILE_MEASURES.join(", ")}, got "${measure}"`,
    );
  const fitted =
    (measure as ReprofileMeasure | undefined) ??
    REPROFILE_MEASURES.find((m) => mine.some((a) => a.measure === m));
  const values = mine
    .filter((a) => a.measure === fitted)
    .map((a) => ({ period: a.period, value: new Decimal(a.value) }));
  if (fitted === undefined || values.length === 0) {
    throw new WorkbookError(
      "no-actuals",
      `${p.sheet}: no ${measure ?? REPROFILE_MEASURES[0]} actuals on the Tracking sheet to fit a reprofile to` +
        (measure === undefined ? ` (nor ${REPROFILE_MEASURES.slice(1).join(" or ")})` : ""),
    );
  }
  const raw = (await readProposal(port, p.sheet)) as { assumptions: Record<string, unknown> };
  const r = reprofile(input, values, fitted);
  return {
    sheet: p.sheet,
    name: p.name,
    reprofile: r,
    assumptions: reprofiledAssumptionsJson(raw.assumptions, r.reading),
    ...shown,
  };
}

/**
 * A proposal without one cohort stream: its first stream with actuals reprofiled on them (streamReprofile.ts),
 * on `measure`, else its £ saving, else the first KPI with actuals.
 */
async function proposeStreamReprofile(
  port: WorkbookPort,
  p: AnyProposal,
  actuals: readonly SheetActual[],
  measure: string | undefined,
): Promise<ProposedReprofile> {
  const streams = p.assumptions.streams;
  const mine = actuals.filter((a) => findProposal([p], a.proposal) === p);
  const idOf = (a: SheetActual): string | undefined => findStream(p.assumptions, a.stream)?.id;
  const k = streams.findIndex((s) =>
    mine.some((a) => idOf(a) === s.id && (measure ?? a.measure) === a.measure),
  );
  if (k < 0) {
    const kinds = streams.map((s) => `${s.id} (${s.kind})`).join(", ");
    throw new WorkbookError(
      "no-actuals",
      `${p.sheet}: no ${measure ?? ""}${measure ? " " : ""}actuals on the Tracking sheet for its streams ${kinds} to fit a reprofile to`,
    );
  }
  const onStream = mine.filter((a) => idOf(a) === streams[k].id);
  const fitted = measure ?? (onStream.some((a) => a.measure === "saving") ? "saving" : onStream[0].measure);
  const values = onStream
    .filter((a) => a.measure === fitted)
    .map((a) => ({ period: a.period, value: new Decimal(a.value) }));
  const raw = (await readProposal(port, p.sheet)) as { assumptions: Record<string, unknown> };
  const r = reprofileStream(p.assumptions, k, values, fitted);
  return {
    sheet: p.sheet,
    name: p.name,
    reprofile: r,
    assumptions: streamReprofiledJson(raw.assumptions, streams[k].id, r.reading),
  };
}

/** The History rows of a version: one per FY, approved beside revised. */
function historyRows(p: ProposedReprofile, date: string): HistoryRow[] {
  const { approved, revised } = p.reprofile;
  return approved.years.map((y, i) => ({
    proposal: p.sheet,
    date,
    reading: describeReprofile(p.reprofile),
    fy: y.label,
    approved: y.cumulative.toNumber(),
    revised: revised.years[i].cumulative.toNumber(),
    approvedMtfs: y.mtfsImpact.toNumber(),
    revisedMtfs: revised.years[i].mtfsImpact.toNumber(),
  }));
}

/**
 * Keeps a proposed reprofile as a version dated `date` (ISO): appended to the proposal's versions in the
 * register and to the Reprofiles sheet (created when absent). The approved assumptions are not touched. The
 * same reading accepted again on the same date is `alreadyKept` and nothing is written.
 *
 * @example
 * await acceptReprofile(port, proposed, "2028-01-15"); // History rows, register versions + 1
 */
export async function acceptReprofile(
  port: WorkbookPort,
  p: ProposedReprofile,
  date: string,
): Promise<ProposalVersion & { readonly alreadyKept?: true }> {
  // Actuals at or ahead of plan propose no change: there is no revised version to keep.
  if (p.reprofile.aheadOfPlan)
    throw new WorkbookError("no-actuals", `${p.sheet}: ${describeReprofile(p.reprofile)}; nothing to keep`);
  const register = await readRegister(port);
  const version: ProposalVersion = {
    date,
    reading: p.reprofile.reading,
    description: describeReprofile(p.reprofile),
    assumptions: p.assumptions,
  };
  // The same reading kept again on the same date is already kept: nothing is written (a second --accept
  // would otherwise repeat every row of the version on the Reprofiles sheet).
  const kept = register.proposals
    .find((s) => s.sheet === p.sheet)
    ?.versions?.find((v) => v.date === date && JSON.stringify(v.reading) === JSON.stringify(version.reading));
  if (kept !== undefined) return { ...version, alreadyKept: true };
  const proposals = register.proposals.map((s) =>
    s.sheet === p.sheet ? { ...s, versions: [...(s.versions ?? []), version] } : s,
  );
  const rows = historyRows(p, date);
  const sheets = await port.listSheets();
  if (sheets.some((s) => s.name !== HISTORY_SHEET && s.name.toLowerCase() === HISTORY_SHEET.toLowerCase()))
    throw new WorkbookError(
      "sheet-exists",
      `a sheet named like "${HISTORY_SHEET}" is in the way: rename it first`,
    );
  if (!sheets.some((s) => s.name === HISTORY_SHEET)) {
    await writeLayout(port, historyLayout(rows), "history", new Map());
  } else {
    const at = await nextFreeRow(port, HISTORY_SHEET, HISTORY_HEADER_ROW);
    await port.writeCells(HISTORY_SHEET, historyRowCells(rows, at).map(toWrite));
  }
  await writeRegister(port, { ...register, proposals });
  return version;
}
