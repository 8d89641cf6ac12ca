/**
 * The tracked measures in words (issue 15): the one table the stream kinds label their KPIs from and every
 * sheet, the Track tab and `track report` show; actuals may name a measure by these words (any case) or its key.
 */

/** Each measure key and its words. */
export const MEASURE_LABELS = {
  saving: "Saving (£)",
  avoidedEvents: "Avoided events",
  caseloadReduction: "Caseload reduction",
  finishers: "Extra people finishing reablement",
  packagesAvoided: "Average people not needing a package",
  homecareHoursAvoided: "Hours of homecare avoided a week",
  reducedPackages: "Average packages reduced",
  packagesReducedInYear: "Packages reduced in the year",
  peopleInNewProvision: "Average people in the new provision",
  peopleMoved: "People moved to the new provision",
  fteReduced: "Average FTE reduction",
  unitsCharged: "Units charged at the new fees",
  shareOfFullSaving: "Share of the full saving realised",
} as const;

/** A measure key the table has words for. */
export type MeasureKey = keyof typeof MEASURE_LABELS;

const BY_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries(MEASURE_LABELS).flatMap(([key, words]) => [
    [words.toLowerCase(), key],
    [key.toLowerCase(), key],
  ]),
);

/**
 * A measure in words (a key the table lacks, as it is).
 *
 * @example
 * measureLabel("unitsCharged") // "Units charged at the new fees"
 */
export function measureLabel(key: string): string {
  return (MEASURE_LABELS as Readonly<Record<string, string>>)[key] ?? key;
}

/**
 * The measure key a text names: its words or its key, in any case; other text trimmed, as it is (the check
 * that follows names the measures allowed).
 *
 * @example
 * measureKey("avoided events") // "avoidedEvents"
 * measureKey("SAVING (£)")     // "saving"
 */
export function measureKey(text: string): string {
  const t = text.trim();
  return BY_WORDS.get(t.toLowerCase()) ?? t;
}
