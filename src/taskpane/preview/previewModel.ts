import type { Decimal } from "../../engine/money";
import type { Profile } from "../../engine/types";
import type { ProposalStreamLine } from "../../engine/proposalProfile";
import { formatMoney, formatWithContingency, moneyUnitsText, toMillions } from "../../engine/present";

export interface PreviewRow {
  readonly fy: number;
  readonly label: string;
  /** £m for the chart (presentation only). */
  readonly inYearMillions: number;
  readonly cumulativeMillions: number;
  /**
   * By the money rule, e.g. "-£0.50m" or "£54.5k" below £0.1m (the engine's presentation rounding), with the
   * inflation contingency in brackets, in its own scale, when it is held centrally, e.g. "£0.78m (£26.0k)".
   */
  readonly inYearText: string;
  readonly cumulativeText: string;
  readonly withinMtfs: boolean;
}

/** One saving stream's gross by FY (weighted, as the proposal counts it), aligned with the rows. */
export interface PreviewStream {
  readonly id: string;
  readonly label: string;
  /** £m for the stacked chart (presentation only). */
  readonly millions: readonly number[];
  /** As printed, e.g. "£0.42m" ("£42.0k" below £0.1m). */
  readonly texts: readonly string[];
}

export interface PreviewModel {
  readonly rows: readonly PreviewRow[];
  /** Each stream's gross by FY when the proposal is written as saving streams (empty for a single cohort). */
  readonly streams: readonly PreviewStream[];
  /** The profile table's unit for its caption: "£m", or "£m, or £k below £0.1m" (moneyUnitsText). */
  readonly profileUnits: string;
  /** The same for the by-stream table. */
  readonly streamUnits: string;
  readonly quantifiedText: string;
  readonly runRateText: string;
  readonly runRateFyLabel: string;
  readonly timeToFullRunRateYears: string;
}

/**
 * The live preview's figures, rounded only here, at presentation (the money rule: £m to 2 dp, £k below £0.1m); with `streams` (a proposal
 * written as saving streams) each stream's gross by FY too, for the stacked chart and the by-stream table.
 *
 * @example
 * previewModel(profile, 2029).rows[0].cumulativeText // "-£0.50m"
 */
export function previewModel(
  profile: Profile,
  mtfsLastFy: number,
  inflationHeldCentrally = false,
  streams: readonly ProposalStreamLine[] = [],
): PreviewModel {
  const text = (amount: Decimal, contingency: Decimal): string =>
    formatWithContingency(amount, inflationHeldCentrally ? contingency : undefined);
  const held = (amount: Decimal, contingency: Decimal): Decimal[] =>
    inflationHeldCentrally ? [amount, contingency] : [amount];
  return {
    rows: profile.years.map((y) => ({
      fy: y.fy,
      label: y.label,
      inYearMillions: toMillions(y.inYear, 4),
      cumulativeMillions: toMillions(y.cumulative, 4),
      inYearText: text(y.inYear, y.inYearInflationContingency),
      cumulativeText: text(y.cumulative, y.inflationContingency),
      withinMtfs: y.fy <= mtfsLastFy,
    })),
    streams: streams.map((s) => ({
      id: s.id,
      label: s.label,
      millions: s.years.map((y) => toMillions(y.gross, 4)),
      texts: s.years.map((y) => formatMoney(y.gross)),
    })),
    profileUnits: moneyUnitsText(
      profile.years.flatMap((y) => [
        ...held(y.inYear, y.inYearInflationContingency),
        ...held(y.cumulative, y.inflationContingency),
      ]),
    ),
    // Its Net column is the profile's cumulative.
    streamUnits: moneyUnitsText([
      ...streams.flatMap((s) => s.years.map((y) => y.gross)),
      ...profile.years.flatMap((y) => held(y.cumulative, y.inflationContingency)),
    ]),
    quantifiedText: text(profile.quantifiedOpportunity, profile.quantifiedOpportunityInflationContingency),
    runRateText: text(profile.fullRunRate.value, profile.fullRunRate.inflationContingency),
    runRateFyLabel: profile.fullRunRate.label,
    timeToFullRunRateYears: profile.timeToFullRunRateYears.toDecimalPlaces(1).toString(),
  };
}
