import { Decimal, ZERO } from "./money";
import { EngineError } from "./errors";
import { daysInFy, dayNumber, fyOf } from "./fiscalYear";
import { cohortModel, cohortStream } from "./cohortStream";
import { profileStreamInput, proposalOfStream } from "./profile";
import { cumulativeAt } from "./stockFlow";
import type { CostItem, FyStartYear, ProfileInput } from "./types";

/**
 * The profile by calendar month or fiscal quarter (issue 15, "profile to date"), so that actuals and plan compare
 * on the same period. The cohort model is evaluated over each period's window with the same closed forms the FY
 * profile uses: avoided events F(b) − F(a), the exact average caseload reduction, and gross = Σ parts of average
 * caseload × annual saving × (period days / FY days), so the periods of a FY add up to that FY's figure. Costs
 * and the MTFS overlap are the FY's amounts spread over its periods by what drives them (below).
 */

/** `month`: calendar months, labelled "2026-04"; `quarter`: fiscal quarters, "2026-Q1" = April–June 2026. */
export type PeriodKind = "month" | "quarter";

/** A period of the tracking calendar: the days [fromDay, toDay) (UTC day numbers) inside one FY. */
export interface Period {
  /** "2026-04" (a calendar month) or "2026-Q1" (fiscal quarter 1 of FY26/27: April to June 2026). */
  readonly label: string;
  readonly fy: FyStartYear;
  readonly fromDay: number;
  /** Exclusive end: the first day of the next period. */
  readonly toDay: number;
}

/** One period of the profile. Money in £. */
export interface PeriodRow extends Period {
  /** Gross saving in the period (price-base prices when the inflation is held centrally, as the FY profile). */
  readonly gross: Decimal;
  /** Costs in the period: the FY's cost lines spread by their drivers. */
  readonly costs: Decimal;
  /** MTFS overlap in the period: the FY's overlap spread in proportion to the period's gross. */
  readonly overlap: Decimal;
  /** gross − costs − overlap; the periods of a FY sum to the FY's cumulative benefit. */
  readonly net: Decimal;
  /** Avoided events in the period. */
  readonly avoidedEvents: Decimal;
  /** Average caseload reduction over the period. */
  readonly caseloadReduction: Decimal;
}

/**
 * Whose year a fiscal quarter's label gives, in the words every place that explains the labels uses (the Track
 * tab, the Tracking sheet, a refused period): the FY's first year, so its Q4 falls in the next calendar year.
 *
 * @example
 * `a fiscal quarter "2027-Q2" (${QUARTER_YEAR})`
 */
export const QUARTER_YEAR =
  'the year is the FY\'s first: "2027-Q1" = April to June 2027 and "2027-Q4" = January to March 2028, both of FY27/28';

const MONTH_LABEL = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_LABEL = /^(\d{4})-Q([1-4])$/;

/**
 * The period a label names: "YYYY-MM" (a calendar month) or "YYYY-Qn" (fiscal quarter n of FY YYYY/YY+1).
 *
 * @example
 * parsePeriod("2026-04") // { label: "2026-04", fy: 2026, fromDay: 20544, toDay: 20574 }
 * parsePeriod("2026-Q4").label // "2026-Q4" (January to March 2027)
 */
export function parsePeriod(label: string, field = "period"): Period & { readonly kind: PeriodKind } {
  const text = label.trim();
  const m = MONTH_LABEL.exec(text);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]) - 1;
    const fromDay = Date.UTC(y, mo, 1) / 86_400_000;
    return {
      kind: "month",
      label: text,
      fy: fyOf(fromDay),
      fromDay,
      toDay: Date.UTC(y, mo + 1, 1) / 86_400_000,
    };
  }
  const q = QUARTER_LABEL.exec(text);
  if (q) {
    const fy = Number(q[1]);
    const n = Number(q[2]);
    const fromDay = Date.UTC(fy, 3 + 3 * (n - 1), 1) / 86_400_000;
    return { kind: "quarter", label: text, fy, fromDay, toDay: Date.UTC(fy, 3 + 3 * n, 1) / 86_400_000 };
  }
  throw new EngineError(
    "invalid-type",
    field,
    `must be a month "YYYY-MM" or a fiscal quarter "YYYY-Qn" (${QUARTER_YEAR}), got "${label}"`,
  );
}

/**
 * The periods of the FYs firstFy..lastFy in order: 12 calendar months or 4 fiscal quarters each.
 *
 * @example
 * periodsOf(2026, 2026, "quarter").map((p) => p.label) // ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
 */
export function periodsOf(firstFy: FyStartYear, lastFy: FyStartYear, kind: PeriodKind): Period[] {
  const out: Period[] = [];
  for (let fy = firstFy; fy <= lastFy; fy++) {
    for (let k = 0; k < (kind === "month" ? 12 : 4); k++) {
      const label =
        kind === "month"
          ? `${String(fy + Math.floor((3 + k) / 12)).padStart(4, "0")}-${String(((3 + k) % 12) + 1).padStart(2, "0")}`
          : `${String(fy).padStart(4, "0")}-Q${k + 1}`;
      const p = parsePeriod(label);
      out.push({ label: p.label, fy: p.fy, fromDay: p.fromDay, toDay: p.toDay });
    }
  }
  return out;
}

/** Days of [fromDay, toDay) inside a cost's dates (toDate inclusive). */
function daysCovered(p: Period, fromDate: string, toDate: string | undefined): number {
  const a = Math.max(p.fromDay, dayNumber(fromDate));
  const b = Math.min(p.toDay, toDate === undefined ? Infinity : dayNumber(toDate) + 1);
  return Math.max(0, b - a);
}

/** Weights below this are the 40th-digit residue of a caseload that has run out, not a saving. */
const WEIGHT_NOISE = new Decimal("1e-9");

/**
 * Each period's share of a FY amount, from the size of its weights (by days when every weight is 0). Sizes,
 * not signed values: residues of ±1e-38 (or a saving that changes sign) would otherwise give shares of ±1e38.
 */
function shares(weights: readonly Decimal[], periods: readonly Period[]): Decimal[] {
  const sizes = weights.map((w) => (w.abs().lt(WEIGHT_NOISE) ? ZERO : w.abs()));
  const total = sizes.reduce((a, w) => a.plus(w), ZERO);
  if (!total.isZero()) return sizes.map((w) => w.div(total));
  const days = periods.reduce((a, p) => a + p.toDay - p.fromDay, 0);
  return periods.map((p) => new Decimal(p.toDay - p.fromDay).div(days));
}

/**
 * The weights by which a cost line's FY amount is spread over the FY's periods: an ongoing cost by the days
 * it runs, a one-off in the period of its date, a per-case cost by case-days (the caseload it is priced on), a
 * per-event cost by the events, and a phased amount by days.
 */
function costWeights(
  item: CostItem,
  periods: readonly Period[],
  caseDays: readonly Decimal[],
  events: readonly Decimal[],
): Decimal[] {
  switch (item.kind) {
    case "ongoing":
      return periods.map((p) => new Decimal(daysCovered(p, item.fromDate, item.toDate)));
    case "oneOff": {
      const d = dayNumber(item.date);
      return periods.map((p) => new Decimal(d >= p.fromDay && d < p.toDay ? 1 : 0));
    }
    case "perCase":
      return [...caseDays];
    case "perEvent":
      return item.measure === "caseloadReduction" ? [...caseDays] : [...events];
    case "phased":
      return periods.map((p) => new Decimal(p.toDay - p.fromDay));
  }
}

/**
 * The single-cohort proposal's profile by month or fiscal quarter over its horizon. The periods of each FY sum to
 * that FY's gross, costs, overlap, net (cumulative benefit) and avoided events, and their day-weighted caseload
 * averages to the FY's (exactly in real arithmetic; in Decimal within rounding of the 40th digit).
 *
 * @example
 * const rows = periodProfile(cfs, "quarter");
 * rows[3].label // "2026-Q4"
 * rows.slice(0, 4).reduce((a, r) => a.plus(r.gross), ZERO) // = computeProfile(cfs).years[0].gross
 */
export function periodProfile(input: ProfileInput, kind: PeriodKind = "month"): PeriodRow[] {
  const streamInput = profileStreamInput(input);
  const { horizon, unitCost } = input;
  const model = cohortModel(streamInput, horizon);
  const fyProfile = proposalOfStream(input, cohortStream(streamInput, horizon));
  const periods = periodsOf(horizon.firstFy, horizon.lastFy, kind);
  const bounds = [
    ...periods.map((p) => new Decimal(p.fromDay)),
    new Decimal(periods[periods.length - 1].toDay),
  ];
  const caseload = model.averageOf(model.flow, bounds);
  const partCaseload = model.parts.map((s) =>
    s.flow === model.flow ? caseload : model.averageOf(s.flow, bounds),
  );
  const avoided = periods.map((_, i) =>
    cumulativeAt(model.flow, bounds[i + 1]).minus(cumulativeAt(model.flow, bounds[i])),
  );
  const perFy = kind === "month" ? 12 : 4;

  const rows: PeriodRow[] = [];
  for (let fy = horizon.firstFy; fy <= horizon.lastFy; fy++) {
    const y = fy - horizon.firstFy;
    const idx = Array.from({ length: perFy }, (_, k) => y * perFy + k);
    const fyPeriods = idx.map((i) => periods[i]);
    const fyDays = new Decimal(daysInFy(fy));
    const pricesFy = unitCost.inflationContingency ? unitCost.priceBaseFy : fy;
    const len = (i: number): Decimal => bounds[i + 1].minus(bounds[i]);
    const gross = idx.map((i) =>
      model.parts.reduce(
        (sum, s, k) => sum.plus(partCaseload[k][i].times(len(i)).div(fyDays).times(s.annualSaving(pricesFy))),
        ZERO,
      ),
    );
    const caseDays = idx.map((i) => caseload[i].times(len(i)));
    const events = idx.map((i) => avoided[i]);
    const costs = fyPeriods.map(() => ZERO);
    fyProfile.costLines.forEach((line, k) => {
      const amount = line.amounts[y];
      if (amount.isZero()) return;
      const item = input.investment[k];
      const w =
        item === undefined
          ? fyPeriods.map((p) => new Decimal(p.toDay - p.fromDay))
          : costWeights(item, fyPeriods, caseDays, events);
      shares(w, fyPeriods).forEach((s, j) => (costs[j] = costs[j].plus(amount.times(s))));
    });
    const fyRow = fyProfile.years[y];
    const overlapShares = shares(gross, fyPeriods);
    const offNet = fyRow.overlap.plus(fyRow.existingMtfs);
    fyPeriods.forEach((p, j) => {
      const overlap = offNet.times(overlapShares[j]);
      rows.push({
        ...p,
        gross: gross[j],
        costs: costs[j],
        overlap,
        net: gross[j].minus(costs[j]).minus(overlap),
        avoidedEvents: events[j],
        caseloadReduction: caseload[idx[j]],
      });
    });
  }
  return rows;
}
