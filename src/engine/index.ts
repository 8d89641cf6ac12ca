/**
 * MTFS Benefits calculation engine: pure TypeScript over decimal.js, no I/O and no Excel or DOM access.
 * Every other layer (functions/, workbook/, taskpane/, cli/) imports from here only.
 */
export * from "./money";
export * from "./errors";
export * from "./types";
export * from "./parse/read";
export * from "./fiscalYear";
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
export * from "./cohortStream";
export * from "./existingMtfs";
export * from "./settled";
export * from "./proposalProfile";
export * from "./profile";
export * from "./parse/assumptions";
export * from "./proposal";
export type { Checked, CheckResult, InputWarning } from "./format/check";
export { nearestKey, unknownFieldRule, wholePercentWarning } from "./format/define";
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
export * from "./periodProfile";
export * from "./variance";
export * from "./rag";
export * from "./forecast";
export * from "./trackingSummary";
