import { CASHABILITY_FIELD, FIELDS, type FieldSpec } from "./fields";
import { streamFieldHint } from "./formatInfo";

/**
 * The saving streams a proposal can hold (issue 13), as the wizard edits them: one list of form items per
 * stream kind, so the editor, the draft ↔ JSON conversion and the error lookup share one definition. Paths
 * are relative to the stream (`timeline.startDate`) or to a list row (`ramp.points`); the rules stay in the
 * engine's format, whose errors name `assumptions.streams[i].<path>`.
 */

/** Shows an item only while a sibling choice (same stream or row) has one of these values. */
export interface When {
  readonly path: string;
  readonly in: readonly string[];
}

/** An editable list inside a stream (unit-cost components, spend categories, a ramp's points, …). */
export interface ListItem {
  readonly type: "list";
  readonly path: string;
  readonly title: string;
  /** One row's name in words, e.g. "component" ("Add component", "Remove component 2"). */
  readonly itemName: string;
  readonly items: readonly FormItem[];
  /** A new row's values (its choices preselected). */
  readonly newRow?: Readonly<Record<string, string>>;
  /** Left out of the JSON when it has no rows (the engine's default applies). */
  readonly optional?: boolean;
  readonly when?: When;
}

/** One input inside a stream or a row; `specFor` when its unit depends on a sibling (the target's kind). */
export interface FieldItem {
  readonly type: "field";
  readonly spec: FieldSpec;
  readonly specFor?: (values: Readonly<Record<string, string>>) => FieldSpec;
  readonly when?: When;
}

export type FormItem = FieldItem | ListItem;

/** What the user typed in a stream or one of its list rows, exactly as typed. */
export interface GroupDraft {
  readonly values: Readonly<Record<string, string>>;
  readonly lists?: Readonly<Record<string, readonly GroupDraft[]>>;
  /** Keys of the JSON the form does not edit here (e.g. a component's `realisedFrom`), carried through. */
  readonly passthrough?: Readonly<Record<string, unknown>>;
}

/** One stream of the draft: its kind is `values.kind`. */
export type StreamDraft = GroupDraft;

/** The stream kinds, in the words the dropdown shows. */
export const STREAM_KINDS = [
  { value: "cohort", label: "Avoided or shortened care (cohort)" },
  { value: "addressableSpend", label: "% of addressable spend" },
  { value: "income", label: "Income lines" },
  { value: "staffing", label: "Staffing reductions" },
  { value: "provision", label: "New provision at a lower unit cost" },
  { value: "packageReview", label: "Package reviews" },
  { value: "reablement", label: "Reablement" },
] as const;

export type StreamKind = (typeof STREAM_KINDS)[number]["value"];

/** The kind's words, e.g. "Income lines". */
export function streamKindLabel(kind: string): string {
  return STREAM_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

const f = (spec: FieldSpec, when?: When): FieldItem => ({ type: "field", spec, ...(when ? { when } : {}) });
const num = (path: string, label: string, unit?: string, extra: Partial<FieldSpec> = {}): FieldItem =>
  f({ path, label, kind: "number", ...(unit ? { unit } : {}), ...extra });
const pct = (path: string, label: string, extra: Partial<FieldSpec> = {}): FieldItem =>
  f({ path, label, kind: "percent", unit: "%", ...extra });
const day = (path: string, label: string, extra: Partial<FieldSpec> = {}): FieldItem =>
  f({ path, label, kind: "date", ...extra });
/** Items shown only while the sibling choice `path` is one of `values`. */
const onlyWhen = (path: string, values: readonly string[], ...items: FieldItem[]): FieldItem[] =>
  items.map((item) => ({ ...item, when: { path, in: values } }));

/** Fields every stream has, whatever its kind. */
const COMMON: readonly FormItem[] = [
  f({ path: "kind", label: "Kind of saving", kind: "choice", choices: STREAM_KINDS }),
  f({ path: "label", label: "Stream label", kind: "text", hint: "In words, e.g. Falls prevention" }),
  f({
    path: "id",
    label: "Stream id",
    kind: "text",
    hint: "Short name costs refer to, e.g. falls; unique in the proposal",
  }),
];

/** Fields every stream has after its own (the stream's weighting, its note). */
const COMMON_AFTER: readonly FormItem[] = [
  pct("confidenceWeighting", "Confidence weighting on this stream", {
    optional: true,
    hint: "Built into the profile, e.g. 50 for a small sample",
  }),
  f({ ...CASHABILITY_FIELD, path: "cashability" }),
  f({ path: "note", label: "Note", kind: "longText", optional: true }),
];

/** Price inflation of the £ a kind states (cohorts have theirs on the unit cost). */
const PRICES: readonly FormItem[] = [
  pct("inflationPerYear", "Inflation", { unit: "% a year", optional: true }),
  f({ path: "priceBaseFy", label: "Price base year", kind: "fy", optional: true }),
];

/** The single-cohort fields of the form (`assumptions.target.kind` …) as a cohort stream's, by relative path. */
const COHORT_ROOTS = [
  "baseline.",
  "target.",
  "lever",
  "durationWeeks",
  "unitCost.",
  "timeline.",
  "cashability",
];
const cohortField = (path: string): FieldItem => {
  const spec = FIELDS.find((s) => s.path === `assumptions.${path}`) as FieldSpec;
  return f({ ...spec, path });
};

/** The target value reads as a % or a count, following the target's kind. */
function targetValue(values: Readonly<Record<string, string>>): FieldSpec {
  const base = cohortField("target.value").spec;
  const kind = values["target.kind"] ?? "percent";
  if (kind === "percent") return { ...base, kind: "percent", unit: "%" };
  return { ...base, unit: kind === "countPerYear" ? "a year" : "cases" };
}

/** The timeline fields, as the single-cohort form has them. */
const TIMELINE: readonly FormItem[] = FIELDS.filter((s) => s.path.startsWith("assumptions.timeline.")).map(
  (s) => {
    const item = cohortField(s.path.slice("assumptions.".length));
    return s.path === "assumptions.timeline.stepShare"
      ? { ...item, when: { path: "timeline.ramp", in: ["stepped"] } }
      : item;
  },
);

/** A dated ramp: the share of the full impact reached on each date, linear between points or stepped. */
function schedule(path: string, title: string): readonly FormItem[] {
  return [
    f({
      path: `${path}.shape`,
      label: `${title}: shape`,
      kind: "choice",
      optional: true,
      choices: [
        { value: "linear", label: "Linear between the dates" },
        { value: "steps", label: "Steps: each share until the next date" },
      ],
    }),
    {
      type: "list",
      path: `${path}.points`,
      title,
      itemName: "ramp point",
      items: [day("date", "Date"), pct("share", "Share of the full impact")],
    },
  ];
}

/** A package saving: £ a week per person, or hours a week × £ an hour. */
const SAVING: readonly FormItem[] = [
  f({
    path: "saving.kind",
    label: "Saving per person as",
    kind: "choice",
    choices: [
      { value: "weekly", label: "£ a week" },
      { value: "hours", label: "Hours a week × £ an hour" },
    ],
  }),
  ...onlyWhen(
    "saving.kind",
    ["weekly"],
    num("saving.weeklySavingPerPerson", "Weekly saving per person", "£ a week"),
  ),
  ...onlyWhen(
    "saving.kind",
    ["hours"],
    num("saving.hoursPerWeek", "Hours saved", "a week"),
    num("saving.costPerHour", "Cost per hour", "£ an hour"),
  ),
];

/** The kind's own fields, between the common ones. */
const KIND_ITEMS: Readonly<Record<StreamKind, readonly FormItem[]>> = {
  cohort: [
    cohortField("baseline.volumePerYear"),
    cohortField("baseline.growthPerYear"),
    cohortField("target.kind"),
    { ...cohortField("target.value"), specFor: targetValue },
    cohortField("lever"),
    cohortField("durationWeeks"),
    cohortField("unitCost.weeklyCost"),
    {
      type: "list",
      path: "unitCost.components",
      title: "Unit-cost split",
      itemName: "component",
      optional: true,
      items: [
        f({ path: "label", label: "Component", kind: "text", optional: true }),
        pct("share", "Share of cases"),
        num("costPerPeriod", "Saving per case", "£ a week"),
      ],
    },
    cohortField("unitCost.alternativeWeeklyCost"),
    cohortField("unitCost.overlapWeeklyCost"),
    cohortField("unitCost.inflationPerYear"),
    cohortField("unitCost.priceBaseFy"),
    // The inflation contingency is the whole proposal's once it has streams (assumptions.inflationContingency).
    ...TIMELINE,
  ],
  addressableSpend: [
    {
      type: "list",
      path: "categories",
      title: "Spend categories",
      itemName: "category",
      items: [
        f({ path: "label", label: "Category", kind: "text" }),
        num("addressableSpend", "Addressable spend", "£ a year"),
        pct("reductionRate", "Reduction"),
        pct("benefitShare", "Share of the saving to this budget", { optional: true }),
        ...schedule("ramp", "Ramp"),
      ],
    },
    ...PRICES,
  ],
  income: [
    {
      type: "list",
      path: "items",
      title: "Income lines",
      itemName: "income line",
      newRow: { kind: "volumeTimesFee" },
      items: [
        f({
          path: "kind",
          label: "Income as",
          kind: "choice",
          choices: [
            { value: "volumeTimesFee", label: "Volume × fee" },
            { value: "amountPerYear", label: "£ a year" },
          ],
        }),
        f({ path: "label", label: "Income line", kind: "text" }),
        ...onlyWhen(
          "kind",
          ["volumeTimesFee"],
          num("volumePerYear", "Volume", "a year"),
          num("feePerUnit", "Fee per unit", "£"),
          num("currentFeePerUnit", "Current fee per unit", "£", { optional: true }),
        ),
        ...onlyWhen("kind", ["amountPerYear"], num("amountPerYear", "Amount", "£ a year")),
        day("goLiveDate", "Go-live date"),
        day("endDate", "End date", { optional: true }),
      ],
    },
    ...PRICES,
  ],
  staffing: [
    {
      type: "list",
      path: "reductions",
      title: "Staffing reductions",
      itemName: "reduction",
      newRow: { kind: "fte" },
      items: [
        f({
          path: "kind",
          label: "Reduction as",
          kind: "choice",
          choices: [
            { value: "fte", label: "FTE × cost per FTE" },
            { value: "amount", label: "£ a year" },
          ],
        }),
        f({ path: "label", label: "Reduction", kind: "text" }),
        ...onlyWhen(
          "kind",
          ["fte"],
          num("fteReduction", "FTE reduction", "FTE"),
          num("costPerFte", "Cost per FTE", "£ a year"),
        ),
        ...onlyWhen("kind", ["amount"], num("amountPerYear", "Amount", "£ a year")),
        day("fromDate", "From"),
        day("fullByDate", "In full by", { optional: true }),
      ],
    },
    ...PRICES,
  ],
  provision: [
    num("caseload", "Caseload to move"),
    num("places", "Places in the new provision", undefined, { optional: true }),
    num("currentWeeklyCost", "Current weekly cost", "£ a week"),
    num("newProvisionWeeklyCost", "New provision weekly cost", "£ a week"),
    day("openingDate", "Opening date"),
    num("movesPerStep", "Moves per step"),
    num("stepMonths", "Months between steps", "months"),
    num("costPerMove", "One-off cost per move", "£", { optional: true }),
    num("weeksPerYear", "Weeks a year", "weeks", { optional: true }),
    ...PRICES,
  ],
  packageReview: [
    num("caseload", "Caseload reviewed"),
    pct("growthPerYear", "Caseload growth", { unit: "% a year", optional: true }),
    f({ path: "baseFy", label: "Caseload year", kind: "fy", optional: true }),
    num("weeksBetweenReviews", "Weeks between reviews", "weeks"),
    pct("reductionRate", "Reviews that reduce the package"),
    ...SAVING,
    num("durationWeeks", "Saving lasts", "weeks", { optional: true }),
    num("costPerReduction", "One-off cost per reduction", "£", { optional: true }),
    ...TIMELINE,
    ...PRICES,
  ],
  reablement: [
    num("finishersPerYear", "People completing reablement", "a year"),
    ...schedule("ramp", "Ramp"),
    num("durationWeeks", "Package no longer needed for", "weeks"),
    ...SAVING,
    num("costPerFinisher", "Cost per person completing", "£", { optional: true }),
    ...PRICES,
  ],
};

/** Items with the format's own words as the hint wherever the form gives none ("Weeks a year; default 52.18"). */
function withHints(kind: string, items: readonly FormItem[], prefix = ""): FormItem[] {
  return items.map((item): FormItem => {
    if (item.type === "list") {
      return { ...item, items: withHints(kind, item.items, `${prefix}${item.path}.`) };
    }
    if (item.spec.hint !== undefined) return item;
    const about = streamFieldHint(kind, `${prefix}${item.spec.path}`);
    if (about === undefined) return item;
    const hint = about.charAt(0).toUpperCase() + about.slice(1);
    const { specFor } = item;
    return {
      ...item,
      spec: { ...item.spec, hint },
      ...(specFor ? { specFor: (v) => ({ ...specFor(v), hint }) } : {}),
    };
  });
}

const ITEMS_BY_KIND = new Map<string, readonly FormItem[]>();

/**
 * Every form item of a stream of this kind, in order (an unknown kind shows only the common fields).
 *
 * @example
 * streamItems("income").some((i) => i.type === "list" && i.path === "items") // true
 */
export function streamItems(kind: string): readonly FormItem[] {
  const known = ITEMS_BY_KIND.get(kind);
  if (known) return known;
  const own = (KIND_ITEMS as Readonly<Record<string, readonly FormItem[]>>)[kind] ?? [];
  const items = withHints(kind, [...COMMON, ...own, ...COMMON_AFTER]);
  ITEMS_BY_KIND.set(kind, items);
  return items;
}

/** True when the item applies given its siblings' choices. */
export function isItemActive(item: FormItem, values: Readonly<Record<string, string>>): boolean {
  return item.when === undefined || item.when.in.includes(values[item.when.path] ?? "");
}

/** The spec of a field item given its siblings (a target value follows the target's kind). */
export function itemSpec(item: FieldItem, values: Readonly<Record<string, string>>): FieldSpec {
  return item.specFor ? item.specFor(values) : item.spec;
}

/** The top-level assumption keys a cohort stream takes over from the single-cohort form. */
export const COHORT_KEYS = [
  "baseline",
  "target",
  "lever",
  "durationWeeks",
  "durationNote",
  "unitCost",
  "timeline",
  "cashability",
] as const;

/**
 * True when a single-cohort form path belongs to the cohort (hidden once the draft holds streams).
 *
 * @example
 * isCohortPath("assumptions.timeline.startDate") // true
 * isCohortPath("assumptions.horizon.firstFy") // false
 */
export function isCohortPath(path: string): boolean {
  if (!path.startsWith("assumptions.")) return false;
  const rest = path.slice("assumptions.".length);
  return COHORT_ROOTS.some((r) => (r.endsWith(".") ? rest.startsWith(r) : rest === r));
}
