import { nextFreeRow } from "./appendRows";
import {
  REPROFILE_MEASURES,
  cohortInput,
  describeReading,
  reprofile,
  reprofiledAssumptionsJson,
  Decimal,
  type Reprofile,
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
import { findProposal, readTrackingActuals, trackedProposals } from "./tracking";

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
  readonly reprofile: Reprofile;
  /** The revised assumptions JSON (the approved JSON with the reading applied). */
  readonly assumptions: Record<string, unknown>;
}

/**
 * Fits a reprofile to a proposal's actuals on the Tracking sheet: of `measure`, or the first of avoided events,
 * £ saving and caseload reduction that has actuals. A proposal of several streams is reprofiled on its one
 * cohort stream (the readings revise a cohort's start, target or ramp).
 *
 * @example
 * const p = await proposeReprofile(port, "CFS Targeted Prevention"); // p.reprofile.reading
 */
export async function proposeReprofile(
  port: WorkbookPort,
  proposal: string,
  measure?: ReprofileMeasure,
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
  if (single === undefined && cohorts.length !== 1) {
    const kinds = streams.map((s) => `${s.id} (${s.kind})`).join(", ");
    throw new WorkbookError(
      "no-actuals",
      `${p.sheet}: cannot be reprofiled: a reprofile revises one cohort stream's start, target or ramp; its streams are ${kinds}`,
    );
  }
  const k = cohorts[0] ?? 0;
  const input = single?.input ?? cohortInput(p.assumptions, k);
  const id = streams[k]?.id ?? "cohort";
  const { actuals } = await readTrackingActuals(port);
  const mine = actuals.filter(
    (a) =>
      findProposal(all, a.proposal) === p &&
      (single !== undefined || a.stream === id || (a.stream === "" && streams.length === 1)),
  );
  const fitted = measure ?? REPROFILE_MEASURES.find((m) => mine.some((a) => a.measure === m));
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
  };
}

/** The History rows of a version: one per FY, approved beside revised. */
function historyRows(p: ProposedReprofile, date: string): HistoryRow[] {
  const { approved, revised, reading } = p.reprofile;
  return approved.years.map((y, i) => ({
    proposal: p.sheet,
    date,
    reading: describeReading(reading),
    fy: y.label,
    approved: y.cumulative.toNumber(),
    revised: revised.years[i].cumulative.toNumber(),
    approvedMtfs: y.mtfsImpact.toNumber(),
    revisedMtfs: revised.years[i].mtfsImpact.toNumber(),
  }));
}

/**
 * Keeps a proposed reprofile as a version dated `date` (ISO): appended to the proposal's versions in the
 * register and to the Reprofiles sheet (created when absent). The approved assumptions are not touched.
 *
 * @example
 * await acceptReprofile(port, proposed, "2028-01-15"); // History rows, register versions + 1
 */
export async function acceptReprofile(
  port: WorkbookPort,
  p: ProposedReprofile,
  date: string,
): Promise<ProposalVersion> {
  const register = await readRegister(port);
  const version: ProposalVersion = {
    date,
    reading: p.reprofile.reading,
    description: describeReading(p.reprofile.reading),
    assumptions: p.assumptions,
  };
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
