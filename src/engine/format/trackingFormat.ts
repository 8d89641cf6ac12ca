import * as v from "valibot";
import { decimal, fy, optional, strict, text } from "./define";

/**
 * A proposal's links to what tracks it (issue 15), defined once: `edgeOfCare` names an edge-of-care programme
 * whose in-year successful diversions (003 Appendix Two) are the avoided entries of the proposal's cohort, so
 * the programme's year to date feeds the proposal's forecast (edgeOfCareTracking.ts, edgeOfCareFeed).
 */

/** An edge-of-care programme feeding a proposal's avoided-entries actuals. */
export interface EdgeOfCareLink {
  /** The programme as its summary names it, e.g. "MST standard (STD 1 and 2)". */
  readonly programme: string;
  /** The summary period to take (default: its last actual period, the year to date). */
  readonly period?: string;
  /** The proposal FY the period's diversions fall in. */
  readonly fy: number;
  /** Quarters of that FY the period covers, from Q1 (default 4: a whole year). */
  readonly quarters: number;
  /** The cohort stream fed (default: the proposal's only cohort stream). */
  readonly stream?: string;
}

/** What tracks a proposal. */
export interface TrackingLinks {
  readonly edgeOfCare?: EdgeOfCareLink;
}

const edgeOfCareFormat = v.pipe(
  strict({
    programme: text({ maxLength: 200, about: "the edge-of-care programme, as its summary names it" }),
    period: optional(text({ about: "the summary's period to take (default: its last, the year to date)" })),
    fy: fy({ about: "the proposal FY the period's in-year diversions fall in" }),
    quarters: optional(
      decimal(
        { min: 1, max: 4, integer: true },
        { about: "quarters of that FY the period covers (default 4)" },
      ),
    ),
    stream: optional(text({ about: "the cohort stream fed (default: the only cohort stream)" })),
  }),
  v.transform((o): EdgeOfCareLink => ({
    programme: o.programme,
    ...(o.period === undefined ? {} : { period: o.period }),
    fy: o.fy,
    quarters: o.quarters === undefined ? 4 : o.quarters.toNumber(),
    ...(o.stream === undefined ? {} : { stream: o.stream }),
  })),
);

/** The `tracking` block of a proposal. */
export const trackingFormat = v.pipe(
  strict({ edgeOfCare: optional(edgeOfCareFormat) }),
  v.transform((o): TrackingLinks => (o.edgeOfCare === undefined ? {} : { edgeOfCare: o.edgeOfCare })),
);

/**
 * The forecast's cumulative benefit of a FY in words, one heading for both places that show it: `track report`
 * says "Forecast cumulative benefit FY27/28", the Dashboard heads its column "Forecast cumulative benefit (that
 * FY)" (the MTFS row beside it is another figure).
 */
export const FORECAST_CUMULATIVE = "Forecast cumulative benefit";
