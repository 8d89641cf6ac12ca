import { assumptionsFormat } from "./assumptionsFormat";
import { visitFields } from "./check";
import type { FieldInfo } from "./define";

/**
 * The assumptions in words: the caption and unit each field of the assumptions format is shown with (the
 * proposal sheet's "benefit profile assumptions" table, and the labels MTFS.BENEFIT.PROFILE reads in a range),
 * and the words for the codes of fixed-choice fields. The fields themselves are defined once, in
 * assumptionsFormat.ts; this table only words them, keyed by a field's path within its block (the
 * assumptions, or one stream) with list indices written `[]`.
 */

/** What a caption's unit may depend on: the object that holds the field, and the block (assumptions or stream). */
export interface CaptionContext {
  /** The object the field sits in, e.g. `target` for `target.value`. */
  readonly parent?: Readonly<Record<string, unknown>>;
  /** The assumptions block, or the stream, the field belongs to. */
  readonly block?: Readonly<Record<string, unknown>>;
}

/** A field in words. */
export interface Caption {
  /** The row caption, e.g. "Average duration". */
  readonly label: string;
  /** The unit, e.g. "weeks", "£ a week", "% of starts"; absent for text and yes/no fields. */
  readonly unit?: string | ((ctx: CaptionContext) => string | undefined);
  /** Other labels a hand-built range may use for the field (matched ignoring case, spaces and punctuation). */
  readonly also?: readonly string[];
}

const at = (o: unknown, key: string): unknown =>
  o !== null && typeof o === "object" ? (o as Record<string, unknown>)[key] : undefined;

/** The block's unit of count in words ("children", "CYP"), "cases" by default (as cohortStream.ts has it). */
const countUnit = (ctx: CaptionContext): string => {
  const u = at(ctx.block, "unit");
  return typeof u === "string" && u.trim() !== "" ? u.trim() : "cases";
};
const perYear = (ctx: CaptionContext): string => `${countUnit(ctx)} a year`;
const isExit = (ctx: CaptionContext): boolean =>
  String(at(ctx.block, "lever") ?? "entry").toLowerCase() === "exit";
/** "£ a week" unless the cost is per another period (190 school days). */
const perPeriod = (ctx: CaptionContext): string => {
  const unitCost = at(ctx.block, "unitCost");
  const periods = Number(at(unitCost, "periodsPerYear") ?? 52.18);
  return Math.abs(periods - 52.18) < 0.5 ? "£ a week" : "£ a period";
};

function targetUnit(ctx: CaptionContext): string | undefined {
  const kind = String(at(ctx.parent, "kind") ?? "percent").toLowerCase();
  if (kind === "percent") return isExit(ctx) ? "% of the caseload" : "% of starts";
  if (kind === "countperyear") {
    const weeks = at(ctx.parent, "perWeeks");
    return weeks === undefined ? perYear(ctx) : `${countUnit(ctx)} per ${String(weeks)} weeks`;
  }
  if (kind === "caseloadreduction") return countUnit(ctx);
  return undefined;
}

const PHASE_LABELS = {
  design: "Design phase",
  pilot: "Pilot",
  rollout: "Rollout",
  lead: "Lead time before impact",
} as const;

/** Timeline fields, shared by the single-cohort form and every stream kind with a timeline. */
const TIMELINE: Record<string, Caption> = {
  startDate: { label: "Project start", unit: "date", also: ["start date", "start", "project start date"] },
  ...Object.fromEntries(
    Object.entries(PHASE_LABELS).flatMap(([phase, label]) => [
      [`${phase}Months`, { label, unit: "months" }],
      // Distinct words: a range reader sees the caption, not the unit beside it.
      [`${phase}Weeks`, { label: `${label} in weeks`, unit: "weeks" }],
    ]),
  ),
  ramp: { label: "How the impact builds", unit: "over the rollout", also: ["ramp", "ramp shape"] },
  stepShare: { label: "Share of the impact until full impact", unit: "% of the impact" },
  designEndDate: { label: "Design phase ends", unit: "date" },
  pilotEndDate: { label: "Pilot ends", unit: "date" },
  sustainableDate: { label: "Full impact from", unit: "date", also: ["sustainable from"] },
  deliveryEndDate: { label: "Delivery ends", unit: "date" },
  "delivery.kind": { label: "Delivery", also: ["delivery kind"] },
  "delivery.everyWeeks": { label: "Weeks between batches", unit: "weeks", also: ["batch length"] },
};

const SCHEDULE: Record<string, Caption> = {
  shape: { label: "Shape of the ramp" },
  "points[]": { label: "Ramp point" },
  "points[].date": { label: "date", unit: "date" },
  "points[].share": { label: "share of the full impact", unit: "% of the impact" },
};

const SAVING: Record<string, Caption> = {
  kind: { label: "Saving per person counted as" },
  weeklySavingPerPerson: { label: "Weekly saving per person", unit: "£ a week" },
  hoursPerWeek: { label: "Hours of care saved per person", unit: "hours a week" },
  costPerHour: { label: "Cost per hour of care", unit: "£ an hour" },
};

const prefixed = (prefix: string, table: Record<string, Caption>): Record<string, Caption> =>
  Object.fromEntries(Object.entries(table).map(([k, c]) => [`${prefix}.${k}`, c]));

/**
 * Captions by path within the block. A list has its own entry (`investment[]`: its items are captioned
 * "Investment 1: …"), and its items' fields theirs (`investment[].amountPerYear`).
 */
export const CAPTIONS: Readonly<Record<string, Caption>> = {
  // The horizon is fixed when a sheet is created; a range may still set it.
  "horizon.firstFy": { label: "First FY", unit: "FY", also: ["horizon first fy", "from fy"] },
  "horizon.lastFy": { label: "Last FY", unit: "FY", also: ["horizon last fy", "to fy"] },
  "horizon.mtfsLastFy": { label: "Last FY of the MTFS", unit: "FY", also: ["mtfs last fy"] },

  // A stream's own fields.
  kind: { label: "Kind of saving" },
  id: { label: "Stream id" },
  label: { label: "Stream name" },
  cashability: { label: "Cashability" },
  confidenceWeighting: {
    label: "Confidence weighting",
    unit: "% of the gross",
    also: ["weighting"],
  },
  inflationPerYear: { label: "Inflation on the stream's saving", unit: "% a year, from 1 April" },
  priceBaseFy: { label: "Stream price base", unit: "FY" },
  unit: { label: "Counted in" },
  cohortKey: { label: "Cohort key (programme overlap register)", also: ["cohort key"] },

  // Notes beside whole objects (a note beside one field is captioned "<field> note").
  "baseline.note": { label: "Baseline note" },
  "target.note": { label: "Target note" },
  durationNote: { label: "Duration note" },
  "unitCost.note": { label: "Unit cost note" },
  "timeline.note": { label: "Timeline note" },
  "mtfsOverlap.note": { label: "Overlap note" },

  // The cohort (the single-cohort form, or a cohort stream).
  "baseline.volumePerYear": {
    label: "Baseline volume",
    unit: (ctx) => (isExit(ctx) ? `${countUnit(ctx)} in the caseload` : `${countUnit(ctx)} starting a year`),
    also: ["baseline", "baseline volume per year", "baseline starts", "starts per year", "volume per year"],
  },
  "baseline.growthPerYear": {
    label: "Growth in the baseline",
    unit: "% a year",
    also: ["growth", "growth per year", "growth in volume per year", "volume growth"],
  },
  "baseline.baseFy": { label: "Baseline describes", unit: "FY" },
  "baseline.demand.model": { label: "Baseline from the demand model" },
  "baseline.demand.measure": { label: "Demand model line used", unit: "entries or stock" },
  "baseline.demand.scale": { label: "Scale applied to the demand model", unit: "×" },
  "target.kind": { label: "Target counted as", also: ["target kind"] },
  "target.value": { label: "Target", unit: (ctx) => targetUnit(ctx), also: ["target value"] },
  "target.perWeeks": { label: "Target counted per block of", unit: "weeks", also: ["target per weeks"] },
  // A stretch target (issue 14): the target's own words, for the Stretch scenarios.
  "stretch.target.kind": { label: "Stretch target counted as" },
  "stretch.target.value": { label: "Stretch target", unit: (ctx) => targetUnit(ctx) },
  "stretch.target.perWeeks": { label: "Stretch target counted per block of", unit: "weeks" },
  "stretch.target.cohortSize": {
    label: "Stretch target: eligible cohort",
    unit: (ctx) => `${countUnit(ctx)} at most`,
  },
  "stretch.note": { label: "Stretch note" },
  "target.cohortSize": {
    label: "Eligible cohort",
    unit: (ctx) => `${countUnit(ctx)} at most`,
    also: ["cohort size"],
  },
  targetWeighting: { label: "Confidence weighting of the target", unit: "% of the evidence" },
  lever: { label: "Lever" },
  durationWeeks: {
    label: "Average duration",
    unit: "weeks",
    also: ["duration", "duration weeks", "duration in weeks", "average stay"],
  },
  "unitCost.weeklyCost": {
    label: "Weekly unit cost",
    unit: perPeriod,
    also: ["weekly cost", "unit cost", "average unit cost", "cost per week"],
  },
  "unitCost.alternativeWeeklyCost": {
    label: "Weekly cost of the alternative",
    unit: perPeriod,
    also: ["alternative weekly cost", "alternative cost", "alternative unit cost"],
  },
  "unitCost.overlapWeeklyCost": {
    label: "Weekly cost that overlaps",
    unit: perPeriod,
    also: ["overlap weekly cost", "overlap per week", "unit cost overlap"],
  },
  "unitCost.inflationPerYear": {
    label: "Inflation on the unit cost",
    unit: "% a year, from 1 April",
    also: ["inflation", "inflation per year", "unit cost inflation"],
  },
  "unitCost.priceBaseFy": {
    label: "Unit cost price base",
    unit: "FY",
    also: ["price base", "price base fy"],
  },
  "unitCost.periodsPerYear": {
    label: "Cost periods a year",
    unit: "periods a year",
    also: ["periods per year", "weeks per year", "cost periods per year"],
  },
  "unitCost.components[]": { label: "Unit cost part" },
  "unitCost.components[].label": { label: "what it is" },
  "unitCost.components[].share": { label: "share of the cases", unit: "% of cases" },
  "unitCost.components[].costPerPeriod": { label: "saving per case", unit: perPeriod },
  "unitCost.components[].realisedFrom": { label: "saved from", unit: "MM-DD, each year" },
  "unitCost.partialShares": { label: "Parts cover only some of the cases", unit: "yes/no" },
  "unitCost.inflationContingency": {
    label: "Inflation held centrally",
    unit: "yes/no",
    also: ["inflation contingency"],
  },
  ...prefixed("timeline", TIMELINE),

  // % of addressable spend.
  "categories[]": { label: "Category" },
  "categories[].label": { label: "what it is" },
  "categories[].addressableSpend": { label: "addressable spend", unit: "£ a year" },
  "categories[].reductionRate": { label: "reduction", unit: "% of the spend" },
  "categories[].benefitShare": { label: "share that is a benefit", unit: "% of the reduction" },
  ...prefixed("categories[].ramp", SCHEDULE),

  // Income lines.
  "items[]": { label: "Income line" },
  "items[].kind": { label: "counted as" },
  "items[].label": { label: "what it is" },
  "items[].volumePerYear": { label: "volume", unit: "a year" },
  "items[].feePerUnit": { label: "fee", unit: "£ each" },
  "items[].currentFeePerUnit": { label: "current fee", unit: "£ each" },
  "items[].amountPerYear": { label: "amount", unit: "£ a year" },
  "items[].goLiveDate": { label: "goes live", unit: "date" },
  "items[].endDate": { label: "ends", unit: "date" },

  // Staffing and organisation.
  "reductions[]": { label: "Staffing change" },
  "reductions[].kind": { label: "counted as" },
  "reductions[].label": { label: "what it is" },
  "reductions[].fteReduction": { label: "posts removed", unit: "FTE" },
  "reductions[].costPerFte": { label: "cost per post", unit: "£ a year per FTE" },
  "reductions[].amountPerYear": { label: "amount", unit: "£ a year" },
  "reductions[].fromDate": { label: "from", unit: "date" },
  "reductions[].fullByDate": { label: "in full by", unit: "date" },

  // A caseload moved to new provision; package reviews; reablement.
  caseload: { label: "Caseload", unit: (ctx) => countUnit(ctx) },
  places: { label: "Places in the new provision", unit: "places" },
  currentWeeklyCost: { label: "Weekly cost now", unit: "£ a week" },
  newProvisionWeeklyCost: { label: "Weekly cost in the new provision", unit: "£ a week" },
  openingDate: { label: "New provision opens", unit: "date" },
  movesPerStep: { label: "Moves per step", unit: (ctx) => countUnit(ctx) },
  stepMonths: { label: "Months between steps", unit: "months" },
  costPerMove: { label: "One-off cost per move", unit: "£" },
  weeksPerYear: { label: "Weeks a year", unit: "weeks" },
  growthPerYear: { label: "Growth in the caseload", unit: "% a year" },
  baseFy: { label: "Caseload describes", unit: "FY" },
  weeksBetweenReviews: { label: "Weeks between reviews", unit: "weeks" },
  reductionRate: { label: "Reviews that reduce the package", unit: "% of reviews" },
  costPerReduction: { label: "One-off cost per reduced package", unit: "£" },
  finishersPerYear: { label: "People completing reablement", unit: "people a year" },
  costPerFinisher: { label: "One-off cost per person", unit: "£" },
  ...prefixed("ramp", SCHEDULE),
  ...prefixed("saving", SAVING),

  // The whole proposal.
  "investment[]": { label: "Investment" },
  "investment[].kind": { label: "kind" },
  "investment[].label": { label: "what it is" },
  "investment[].stream": { label: "for stream", unit: "stream id" },
  "investment[].amountPerYear": { label: "amount a year", unit: "£ a year" },
  "investment[].fromDate": { label: "from", unit: "date" },
  "investment[].toDate": { label: "to", unit: "date (inclusive)" },
  "investment[].inflates": { label: "inflates with the unit cost", unit: "yes/no" },
  "investment[].inflationPerYear": { label: "own inflation", unit: "% a year" },
  "investment[].amount": { label: "one-off amount", unit: "£" },
  "investment[].date": { label: "paid on", unit: "date" },
  "investment[].amountPerCasePerYear": { label: "amount per case", unit: "£ a year" },
  "investment[].amountPerEvent": { label: "amount per event", unit: "£ each" },
  "investment[].measure": { label: "events counted" },
  "investment[].amountsByFy": { label: "amount in", unit: "£" },
  // The parsed list form ({ fy, amount } items), as a risk input names it.
  "investment[].amountsByFy[]": { label: "FY entry" },
  "investment[].amountsByFy[].amount": { label: "amount", unit: "£" },
  "mtfsOverlap.kind": {
    label: "Overlap with existing MTFS lines counted as",
    also: ["overlap with existing mtfs lines: kind", "overlap kind"],
  },
  "mtfsOverlap.amountPerYear": {
    label: "Overlap a year",
    unit: "£ a year",
    also: ["mtfs overlap", "mtfs overlap per year", "existing mtfs overlap", "overlap per year"],
  },
  "mtfsOverlap.capAtGross": {
    label: "Overlap capped at the gross saving",
    unit: "yes/no",
    also: ["cap overlap at gross", "mtfs overlap cap at gross", "overlap capped at gross"],
  },
  "mtfsOverlap.fromFy": { label: "Overlap from", unit: "FY" },
  "mtfsOverlap.amountPerWeek": { label: "Overlap a week", unit: "£ a week" },
  "mtfsOverlap.weeks": { label: "Overlap weeks of each stay", unit: "weeks" },
  "existingMtfsLines[]": { label: "Existing MTFS line" },
  "existingMtfsLines[].ref": { label: "reference" },
  "existingMtfsLines[].label": { label: "what it is" },
  "existingMtfsLines[].amountPerYear": { label: "amount", unit: "£ a year" },
  "existingMtfsLines[].firstFy": { label: "first FY", unit: "FY" },
  "existingMtfsLines[].lastFy": { label: "last FY", unit: "FY" },
  "existingMtfsLines[].treatment": { label: "treatment" },
  "existingMtfsLines[].capAtGross": { label: "capped at the saving", unit: "yes/no" },
  "inflationContingency.heldCentrally": { label: "Inflation on the saving held centrally", unit: "yes/no" },
  "inflationContingency.base": { label: "Inflation held centrally on" },
  "prices.inflationPerYear": { label: "Inflation on costs", unit: "% a year, from 1 April" },
  "prices.priceBaseFy": { label: "Cost price base", unit: "FY" },
  "prices.periodsPerYear": { label: "Overlap periods a year", unit: "52.18 weeks" },
};

/**
 * The words for the codes of fixed-choice fields, by the same keys: the sheet's dropdowns show the words and
 * the readers take either. Words never contain commas (Excel's list source is comma-separated).
 */
export const CHOICE_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  lever: { entry: "fewer starts (entry)", exit: "leave early (exit)" },
  "target.kind": {
    percent: "% of the baseline",
    countPerYear: "a number a year",
    caseloadReduction: "a caseload reduction",
  },
  "stretch.target.kind": {
    percent: "% of the baseline",
    countPerYear: "a number a year",
    caseloadReduction: "a caseload reduction",
  },
  "timeline.ramp": {
    linear: "evenly (linear)",
    "monthly-steps": "in monthly steps",
    immediate: "at once (immediate)",
    stepped: "a share then full (stepped)",
  },
  "timeline.delivery.kind": { continuous: "continuously", batches: "in batches" },
  "investment[].kind": {
    ongoing: "ongoing (a year)",
    oneOff: "one-off",
    perCase: "per case a year",
    phased: "phased by FY",
    perEvent: "per event",
  },
  "items[].kind": { volumeTimesFee: "volume × fee", amountPerYear: "£ a year" },
  "reductions[].kind": { fte: "FTE × cost", amount: "£ a year" },
  "mtfsOverlap.kind": {
    none: "none",
    amountPerYear: "£ a year",
    amountPerWeek: "£ a week",
    weeksOfDuration: "weeks of each stay",
  },
  cashability: { cashable: "cashable", costAvoidance: "cost avoidance", nonCashable: "not cashable" },
  "existingMtfsLines[].treatment": {
    deducted: "deducted from the net",
    addedBack: "added back in the MTFS row",
  },
  "inflationContingency.base": { gross: "the gross saving", net: "the net benefit" },
  "saving.kind": { weekly: "£ a week per person", hours: "hours of care" },
  "ramp.shape": { linear: "evenly (linear)", steps: "in steps" },
  "categories[].ramp.shape": { linear: "evenly (linear)", steps: "in steps" },
};

/** Stream kinds in words, for headings ("Stream 1 — Falls (cohort)" keeps the code; this is the longer name). */
export const STREAM_KIND_WORDS: Readonly<Record<string, string>> = {
  cohort: "a cohort of people",
  addressableSpend: "% of addressable spend",
  income: "income lines",
  staffing: "staffing and organisation",
  provision: "a caseload moved to new provision",
  packageReview: "package reviews",
  reablement: "reablement",
};

/**
 * A path within a block with its list indices as `[]`, and the list steps with their indices.
 *
 * @example
 * blockKey("investment[1].amountPerYear") // { key: "investment[].amountPerYear", lists: [["investment[]", 1]] }
 */
export function blockKey(path: string): { key: string; lists: [string, number][] } {
  const lists: [string, number][] = [];
  const key = path.replace(/\[(\d+)\]/g, (_m, i: string, offset: number) => {
    lists.push([`${path.slice(0, offset).replace(/\[\d+\]/g, "[]")}[]`, Number(i)]);
    return "[]";
  });
  return { key, lists };
}

/** "durationWeeks" → "duration weeks": a last resort for a field the table does not word. */
function words(key: string): string {
  const last = key.split(".").pop() ?? key;
  const spaced = last
    .replace(/\[\]$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "Ramp shape note" for `ramp.shapeNote`, "Category note" for `categories[].note`: a note by what it is about. */
function noteWords(key: string): string | undefined {
  const m = /^(?:(.*)\.)?(note|\w+Note)$/.exec(key);
  if (!m) return undefined;
  const about = m[2] === "note" ? m[1] : m[1] ? `${m[1]}.${m[2].slice(0, -4)}` : m[2].slice(0, -4);
  if (about === undefined) return "Note";
  const c = CAPTIONS[about];
  return `${c?.label ?? words(about)} note`;
}

/** A stream's fields are worded as the single-cohort form's: "streams[1].durationWeeks" as "durationWeeks". */
const STREAM_PREFIX = /^streams\[\d+\]\./;

/** A field's caption, with its unit worked out for the values around it. */
export interface FieldWords {
  readonly label: string;
  readonly unit?: string;
  /** True when the unit follows the values around the field (the target's kind, the cost period). */
  readonly unitVaries?: boolean;
}

/**
 * The caption and unit of a field, by its path within its block ("durationWeeks",
 * "unitCost.components[1].share", "investment[0].amountsByFy.FY26/27"); list items are numbered from 1.
 *
 * @example
 * fieldWords("durationWeeks") // { label: "Average duration", unit: "weeks" }
 * fieldWords("unitCost.components[1].share") // { label: "Unit cost part 2: share of the cases", unit: "% of cases" }
 */
export function fieldWords(full: string, ctx: CaptionContext = {}): FieldWords {
  const path = full.replace(STREAM_PREFIX, "");
  const fy = /^(.*\.amountsByFy)\.(.+)$/.exec(path);
  const { key, lists } = blockKey(fy ? fy[1] : path);
  const caption = CAPTIONS[key];
  const unit = typeof caption?.unit === "function" ? caption.unit(ctx) : caption?.unit;
  let label = caption?.label ?? noteWords(key) ?? words(key);
  if (fy) label = `${label} ${fy[2]}`;
  // "Investment 2: amount a year"; nested lists name each item ("Category 1, ramp point 2: date").
  const items = lists.map(([list, i], n) => {
    const name = CAPTIONS[list]?.label ?? words(list);
    return `${n === 0 ? name : name.charAt(0).toLowerCase() + name.slice(1)} ${i + 1}`;
  });
  // "Category 2: shape of the ramp": after an item's name the field reads on in lower case.
  if (items.length)
    label = `${items.join(", ")}: ${/^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label}`;
  if (unit === undefined) return { label };
  return typeof caption?.unit === "function" ? { label, unit, unitVaries: true } : { label, unit };
}

/**
 * A field's caption with its unit in brackets, as messages name it ("Average duration (weeks)").
 *
 * @example
 * fieldCaption("durationWeeks") // "Average duration (weeks)"
 * fieldCaption("timeline.leadWeeks") // "Lead time before impact in weeks"
 */
export function fieldCaption(path: string, ctx: CaptionContext = {}): string {
  const w = fieldWords(path, ctx);
  // A caption that already ends in its unit ("Lead time before impact in weeks") gets no "(weeks)".
  const said = w.unit !== undefined && w.label.toLowerCase().endsWith(` ${w.unit.toLowerCase()}`);
  // A unit's own aside reads after a comma inside the caption's one bracket: "(% a year, from 1 April)".
  const unit = w.unit?.replace(/\s*\(([^()]*)\)/g, ", $1");
  return unit && !said && !/^yes\/no$/.test(unit) ? `${w.label} (${unit})` : w.label;
}

/**
 * The path a field is stated at in `tree` (the input as written): a timeline length the engine holds in weeks
 * ("timeline.leadWeeks") is named by its months twin when the input gives months, so it is captioned as the
 * sheet and the tornado show it.
 *
 * @example
 * statedPath("timeline.leadWeeks", { timeline: { leadMonths: 8.5 } }) // "timeline.leadMonths"
 * statedPath("timeline.leadWeeks", { timeline: { leadWeeks: 37 } }) // "timeline.leadWeeks"
 */
export function statedPath(path: string, tree: unknown): string {
  const m = /^((?:.*\.)?timeline)\.(\w+)Weeks$/.exec(path);
  if (!m) return path;
  const months = `${m[1]}.${m[2]}Months`;
  let at: unknown = tree;
  for (const part of months.split(".")) {
    const list = /^(\w+)\[(\d+)\]$/.exec(part);
    const rec = (x: unknown, k: string): unknown =>
      typeof x === "object" && x !== null ? (x as Record<string, unknown>)[k] : undefined;
    at = list ? rec(rec(at, list[1]), list[2]) : rec(at, part);
  }
  return at === undefined ? path : months;
}

/**
 * Another field as a rule names it in a user's message: its caption in quotes, as the sheet and the pane show
 * it, then its key in brackets for whoever wrote the JSON (within its list item, or its block).
 *
 * @example
 * fieldRef("items[].currentFeePerUnit") // '"current fee" (currentFeePerUnit)'
 * fieldRef("horizon.firstFy") // '"First FY" (horizon.firstFy)'
 */
export function fieldRef(path: string): string {
  const item = path.lastIndexOf("[].");
  const key = item < 0 ? path : path.slice(item + 3);
  return `"${fieldWords(path).label}" (${key})`;
}

/**
 * The words for the codes of a fixed-choice field (by its path within its block), or undefined.
 *
 * @example
 * choiceWords("lever")?.exit // "leave early (exit)"
 */
export function choiceWords(path: string): Readonly<Record<string, string>> | undefined {
  return CHOICE_WORDS[blockKey(path.replace(STREAM_PREFIX, "")).key];
}

/**
 * The code a choice cell holds, whether it shows the words or the code (any case); other text unchanged.
 *
 * @example
 * choiceCode("lever", "More leave early (exit)") // "exit"
 * choiceCode("lever", "EXIT") // "EXIT" (the parser matches codes ignoring case)
 * choiceCode("lever", "fewer start (entry)") // "entry" (an earlier wording)
 */
export function choiceCode(path: string, shown: unknown): unknown {
  const table = choiceWords(path);
  if (!table || typeof shown !== "string") return shown;
  const t = shown.trim().toLowerCase();
  const hit = Object.entries(table).find(([, w]) => w.toLowerCase() === t);
  return hit ? hit[0] : (codeInBrackets(shown, Object.keys(table)) ?? shown);
}

/**
 * The code a choice's words end with in brackets, among `codes` (any case), or undefined: words an earlier
 * version wrote ("fewer start (entry)") still read as their code.
 *
 * @example
 * codeInBrackets("fewer start (entry)", ["entry", "exit"]) // "entry"
 * codeInBrackets("fewer start", ["entry", "exit"]) // undefined
 */
export function codeInBrackets(shown: string, codes: readonly string[]): string | undefined {
  const bracketed = /\(([^()]+)\)$/.exec(shown.trim())?.[1]?.toLowerCase();
  return codes.find((k) => k.toLowerCase() === bracketed);
}

/** What the format says of one field the value has: its type ("number", "%", "date", …) and its choices. */
export interface FieldKind {
  readonly type: FieldInfo["type"];
  /** The codes of a fixed-choice field. */
  readonly choices?: readonly string[];
}

/**
 * The format's view of every field an assumptions block has, by JSON path ("assumptions.durationWeeks"):
 * how a cell should hold it (a % cell, a date cell, a dropdown). Fields the format does not know are absent.
 *
 * @example
 * assumptionFieldKinds({ durationWeeks: 52, lever: "exit" }).get("assumptions.lever")
 * // { type: "choice", choices: ["entry", "exit"] }
 */
export function assumptionFieldKinds(assumptions: unknown): ReadonlyMap<string, FieldKind> {
  const out = new Map<string, FieldKind>();
  visitFields(assumptionsFormat, assumptions, "assumptions", (path, info) => {
    const choices = (info.json as { enum?: unknown }).enum;
    out.set(path, {
      type: info.type,
      ...(Array.isArray(choices) ? { choices: choices.map(String) } : {}),
    });
  });
  return out;
}
