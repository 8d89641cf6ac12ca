/**
 * Multi-stream assumptions as JSON for the format tests: one stream of each kind, with the inputs of the kind
 * golden tests (test/engine/*Stream.golden.test.ts), written as a proposal file would write them.
 */

export const HORIZON_JSON = { firstFy: "FY26/27", lastFy: "FY30/31", mtfsLastFy: "FY29/30" };
export const HORIZON = { firstFy: 2026, lastFy: 2030, mtfsLastFy: 2029 };

/** Procurement and Third Party Spend (addressableSpendStream.golden.test.ts). */
export const addressableSpendJson = {
  kind: "addressableSpend",
  id: "procurement",
  label: "Procurement and Third Party Spend",
  categories: [
    {
      label: "Contract management",
      addressableSpend: 66780000,
      reductionRate: "2.97%",
      benefitShare: 0.4,
      ramp: {
        points: [
          { date: "2026-11-01", share: 0 },
          { date: "2027-07-01", share: 1 },
        ],
      },
    },
    {
      label: "Category and tail-spend management",
      addressableSpend: 66780000,
      reductionRate: 0.0297,
      benefitShare: "55%",
      ramp: {
        shape: "linear",
        points: [
          { date: "2027-07-01", share: 0 },
          { date: "2027-11-01", share: 0.5 },
          { date: "2028-07-01", share: 1 },
        ],
      },
    },
  ],
};

/** Income Maximisation, a few of its lines (incomeStream.golden.test.ts). */
export const incomeJson = {
  kind: "income",
  id: "income-max",
  label: "Income Maximisation",
  items: [
    {
      kind: "volumeTimesFee",
      label: "Whetstone WTS – General Waste",
      volumePerYear: 2432,
      feePerUnit: 195,
      currentFeePerUnit: 190,
      goLiveDate: "2026-04-01",
    },
    {
      kind: "volumeTimesFee",
      label: "Highway Extent, Rights Of Way & Land",
      volumePerYear: 1298,
      feePerUnit: "57.85",
      currentFeePerUnit: "55.95",
      goLiveDate: "2027-04-01",
    },
    {
      kind: "volumeTimesFee",
      label: "Appointeeship Fees",
      volumePerYear: 30,
      feePerUnit: 624,
      goLiveDate: "2026-10-01",
    },
    {
      kind: "amountPerYear",
      label: "Food Court price increase",
      amountPerYear: 80000,
      goLiveDate: "2027-04-01",
      endDate: "2030-03-31",
    },
  ],
};

/** Resident Focused Organisation (staffingStream.golden.test.ts), plus an FTE line built over a year. */
export const staffingJson = {
  kind: "staffing",
  id: "rfo",
  label: "Resident Focused Organisation",
  inflationPerYear: "3%",
  priceBaseFy: "FY26/27",
  reductions: [
    { kind: "amount", label: "FY26/27", amountPerYear: 500000, fromDate: "2026-04-01" },
    { kind: "amount", label: "Tranche FY27/28", amountPerYear: 2500000, fromDate: "2027-04-01" },
    {
      kind: "fte",
      label: "Managers",
      fteReduction: 10,
      costPerFte: 50000,
      fromDate: "2027-04-01",
      fullByDate: "2028-03-31",
    },
  ],
};

/** CFS – Commissioning for the Future (provisionStream.golden.test.ts). */
export const provisionJson = {
  kind: "provision",
  id: "cfs-cftf",
  label: "Move to the new high-needs provision",
  caseload: 9,
  currentWeeklyCost: 13429,
  newProvisionWeeklyCost: 11665,
  openingDate: "2028-01-01",
  movesPerStep: 2,
  stepMonths: 3,
  costPerMove: 1000,
  inflationPerYear: 0.04,
  priceBaseFy: "FY25/26",
};

/** Maximising Independence for Working Age Adults (packageReviewStream.golden.test.ts). */
export const packageReviewJson = {
  kind: "packageReview",
  id: "miwaa",
  label: "Progression-focused reviews",
  caseload: 1876,
  growthPerYear: 0.01,
  baseFy: "FY25/26",
  weeksBetweenReviews: 52,
  reductionRate: "49%",
  saving: { kind: "weekly", weeklySavingPerPerson: 38.5 },
  timeline: { startDate: "2026-08-01", designMonths: 6, rolloutMonths: 15 },
  costPerReduction: 50,
  inflationPerYear: 0.04,
  priceBaseFy: "FY25/26",
};

/** Reablement (reablementStream.golden.test.ts), the package as hours × cost per hour. */
export const reablementJson = {
  kind: "reablement",
  id: "reablement",
  label: "HART capacity for rejected referrals",
  finishersPerYear: 699,
  ramp: {
    shape: "linear",
    points: [
      { date: "2026-07-01", share: "0.2857142857142857142857142857142857142857" },
      { date: "2027-05-01", share: 1 },
    ],
  },
  durationWeeks: 52.18,
  saving: { kind: "hours", hoursPerWeek: 7, costPerHour: 25.5 },
  costPerFinisher: 120,
  inflationPerYear: 0.04,
  priceBaseFy: "FY25/26",
  confidenceWeighting: 0.75,
};

/** A cohort stream: CFS Targeted Prevention's cohort, its target written as evidence × weighting. */
export const cohortJson = {
  kind: "cohort",
  id: "falls",
  label: "Falls",
  baseline: { volumePerYear: 260, growthPerYear: 0 },
  target: { kind: "percent", value: 0.16 },
  targetWeighting: 0.5,
  durationWeeks: 153.1,
  unitCost: { weeklyCost: 1487, overlapWeeklyCost: 149, inflationPerYear: 0.04 },
  timeline: {
    startDate: "2026-08-01",
    pilotMonths: 4,
    rolloutMonths: 6,
    leadMonths: 8.5,
    ramp: "monthly-steps",
  },
  unit: "children",
};

/** Every kind, one stream each, as one proposal's streams. */
export const everyKind = [
  cohortJson,
  addressableSpendJson,
  incomeJson,
  staffingJson,
  provisionJson,
  packageReviewJson,
  reablementJson,
];
