/**
 * MTFS Benefits calculation engine: pure TypeScript over decimal.js, no I/O and no Excel or DOM access.
 * Every other layer (functions/, workbook/, taskpane/, cli/) imports from here only.
 */
export * from "./money";
export * from "./errors";
export * from "./types";
export * from "./parse/read";
export * from "./fiscalYear";
export * from "./calendarDate";
export * from "./triangulate";
export * from "./triangulationInput";
export * from "./edgeOfCare";
export * from "./edgeOfCareInput";
export * from "./programme";
export * from "./present";
export * from "./timeline";
export * from "./stockFlow";
export * from "./flow";
export * from "./unitCost";
export * from "./costs";
export * from "./overlap";
export * from "./runRate";
export * from "./stream";
export * from "./drivenMeasures";
export * from "./cohortStream";
export * from "./existingMtfs";
export * from "./settled";
export * from "./proposalProfile";
export * from "./overlapRegister";
export * from "./assumptions";
export * from "./profile";
export * from "./parse/assumptions";
export * from "./proposal";
export type { Checked, CheckResult, InputWarning } from "./format/check";
export type { EdgeOfCareLink, TrackingLinks } from "./format/trackingFormat";
export { FORECAST_CUMULATIVE } from "./format/trackingFormat";
export {
  YEAR_RATE_RULES,
  nearestKey,
  unknownFieldRule,
  wholePercentRefusal,
  wholePercentWarning,
} from "./format/define";
export * from "./format/captions";
export * from "./careAvoided";
export * from "./choices";
export * from "./shareSchedule";
export * from "./packageSaving";
export * from "./addressableSpendStream";
export * from "./incomeStream";
export * from "./staffingStream";
export * from "./provisionStream";
export * from "./packageReviewStream";
export * from "./reablementStream";
export * from "./calculator";
export * from "./demandModel";
export * from "./demandInput";
export * from "./demandBaseline";
export * from "./greenBook";
export * from "./optimismBias";
export * from "./random";
export * from "./quantiles";
export * from "./riskInputs";
export * from "./riskModel";
export * from "./sensitivity";
export * from "./proposalTornado";
export * from "./simulate";
export * from "./profileGreenBook";
export * from "./programmeGreenBook";
export * from "./periodProfile";
export * from "./outsideHorizon";
export * from "./variance";
export * from "./rag";
export * from "./forecast";
export * from "./trackingSummary";
export * from "./trackingWarnings";
export * from "./trackedStream";
export * from "./measureLabels";
export * from "./streamTracking";
export * from "./streamReprofile";
export * from "./scenarios";
export * from "./proposalStretch";
export * from "./cashability";
export * from "./reprofile";
export * from "./reprofileWords";
export * from "./closure";
export * from "./edgeOfCareTracking";
