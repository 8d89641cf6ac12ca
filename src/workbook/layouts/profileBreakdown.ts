import { drivenMeasures, type ProposalProfile } from "../../engine";
import { cellAddress } from "../address";
import { assumptionsProfile } from "../engineLink";
import { getPath } from "../jsonPath";
import type { CellScalar } from "../port";
import { MILLIONS_FORMAT, PERCENT_FORMAT, STYLES, type LayoutCell } from "./types";

/**
 * Below the benefits profile of a sheet in words: each stream's gross line and operational measures per FY
 * (engine values, with their units), then the confidence weightings as evidence × weighting = value. The rows
 * follow the proposal JSON alone (its FYs, its streams, the weightings it states), so the assumption cells
 * below stay where they are whatever the engine computes, even when it cannot (a stored proposal it now
 * refuses); only the columns follow the measures the engine reports.
 */

type Json = Readonly<Record<string, unknown>>;

const TABLE_HEADING = { ...STYLES.heading, wrap: true } as const;
const SUBHEADING = { bold: true, fill: "D9E1F2", wrap: true } as const;

/** The breakdown's one line when no measure of a single stream is driven. */
export const NO_MEASURES = "None: no operational measure is driven by this proposal's inputs.";

/** The streams as the JSON has them: the single-cohort form is one stream. */
function streamsOf(proposal: Json): { readonly id: string; readonly label: string; readonly json: Json }[] {
  const streams = getPath(proposal, "assumptions.streams");
  if (!Array.isArray(streams)) {
    const a = getPath(proposal, "assumptions");
    return [{ id: "cohort", label: "Cohort", json: (a ?? {}) as Json }];
  }
  return streams.map((s: unknown, i) => {
    const o = (s ?? {}) as Json;
    const label = typeof o.label === "string" && o.label.trim() ? o.label.trim() : `Stream ${i + 1}`;
    return { id: typeof o.id === "string" ? o.id : `stream${i + 1}`, label, json: o };
  });
}

/**
 * The section's cells from row `first`; `next` is the first row after it (and a blank row).
 *
 * @example
 * profileBreakdown(40, ittJson, ["FY26/27", …], modelled.proposal).next // 40 + 2 + 6 FYs + 1
 */
export function profileBreakdown(
  first: number,
  proposal: Json,
  fyLabels: readonly string[],
  result?: ProposalProfile,
  measureColumns?: Readonly<Record<string, readonly string[]>>,
): { readonly cells: LayoutCell[]; readonly merges: string[]; readonly next: number } {
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  const streams = streamsOf(proposal);
  // A layout that only locates cells still has the measure columns, from the stored assumptions.
  const shown = result ?? assumptionsProfile(getPath(proposal, "assumptions"));
  const several = streams.length > 1;
  const label = (address: string, text: string, style: LayoutCell["style"] = STYLES.label): void => {
    cells.push({ kind: "label", address, text, style });
  };
  const engine = (address: string, key: string, value: CellScalar, numberFormat?: string): void => {
    cells.push({ kind: "engine", address, key, value, numberFormat, style: STYLES.owned });
  };
  type Column = {
    readonly stream: string;
    readonly heading: string;
    readonly key: string;
    readonly format: string;
    readonly pick: (fy: string) => CellScalar;
  };
  const columns: Column[] = [];
  streams.forEach((s, i) => {
    const line = shown?.streams[i];
    const yearOf = (fy: string) => line?.years.find((y) => y.label === fy);
    const value = (v: { toNumber(): number } | undefined): CellScalar =>
      v ? v.toNumber() : result ? 0 : null;
    if (several) {
      columns.push({
        stream: s.id,
        heading: "Gross saving",
        key: "gross",
        format: MILLIONS_FORMAT,
        pick: (fy) => value(yearOf(fy)?.gross),
      });
    }
    // The columns fixed when the sheet was laid out (measureColumnsFor); every measure on a sheet before.
    const keep = measureColumns?.[s.id];
    for (const m of (line?.years[0]?.measures ?? []).filter(
      (x) => !measureColumns || keep?.includes(x.key),
    )) {
      // A fraction (a share realised) reads as a percent: 0.6 is 60.0%.
      const fraction = m.unit === "fraction";
      columns.push({
        stream: s.id,
        heading: `${m.label} (${fraction ? "%" : m.unit})`,
        key: m.key,
        format: fraction ? PERCENT_FORMAT : "#,##0.0",
        pick: (fy) => value(yearOf(fy)?.measures.find((x) => x.key === m.key)?.value),
      });
    }
  });
  const weightings = weightingRows(proposal, streams, shown);
  let r = first;
  label(
    `A${r}`,
    several ? "Saving streams and operational impact per FY" : "Operational impact per FY",
    STYLES.heading,
  );
  merges.push(`A${r}:H${r}`);
  r++;
  if (several) {
    // A row of stream names over their columns, so the column headings stay short.
    label(`A${r}`, "Stream", SUBHEADING);
    streams.forEach((s) => {
      const own = columns.flatMap((c, j) => (c.stream === s.id ? [j + 2] : []));
      if (own.length === 0) return;
      label(cellAddress(own[0], r), s.label, SUBHEADING);
      if (own.length > 1) merges.push(`${cellAddress(own[0], r)}:${cellAddress(own[own.length - 1], r)}`);
    });
    r++;
  }
  if (!several && columns.length === 0) {
    // No measure is driven (a typed saving): one line, not a table of FYs without columns. Its rows stay,
    // blank, so the cells below are where they always were.
    label(`A${r}`, NO_MEASURES, { italic: true });
    r += 1 + fyLabels.length;
  } else {
    label(`A${r}`, "FY", TABLE_HEADING);
    columns.forEach((c, j) => label(cellAddress(j + 2, r), c.heading, TABLE_HEADING));
    r++;
  }
  for (const fy of columns.length === 0 && !several ? [] : fyLabels) {
    label(`A${r}`, fy);
    // The measure last, so the change report shows money as £m and counts as counts.
    columns.forEach((c, j) =>
      engine(cellAddress(j + 2, r), `streams.${c.stream}.${fy}.${c.key}`, c.pick(fy), c.format),
    );
    r++;
  }
  if (weightings.length) {
    ["Confidence weighting", "Evidence", "× weighting", "= value used"].forEach((h, j) =>
      label(cellAddress(j + 1, r), h, SUBHEADING),
    );
    r++;
    for (const w of weightings) {
      label(`A${r}`, w.caption);
      const format = w.unit ? "#,##0.0" : PERCENT_FORMAT;
      if (w.evidence !== undefined) {
        engine(`B${r}`, `${w.key}.evidence`, w.evidence, format);
        engine(`C${r}`, `${w.key}.weighting`, w.weighting, PERCENT_FORMAT);
        cells.push({
          kind: "formula",
          address: `D${r}`,
          key: `${w.key}.value`,
          formula: `B${r}*C${r}`,
          value: w.value ?? null,
          numberFormat: format,
          style: STYLES.owned,
        });
        if (w.unit) label(`E${r}`, w.unit, { italic: true });
      } else {
        engine(`C${r}`, `${w.key}.weighting`, w.weighting, PERCENT_FORMAT);
      }
      r++;
    }
  }
  return { cells, merges, next: r + 1 };
}

/**
 * The measure columns a new sheet's breakdown shows, by stream id: the measures each stream's inputs drive
 * (`drivenMeasures`, as the CLI's lines table), so a lease surplus gets no column of 0.0 units charged. Fixed
 * in the register when the sheet is laid out.
 *
 * @example
 * measureColumnsFor(incomeJson, modelled.proposal) // { fees: ["unitsCharged"], traded: [] }
 */
export function measureColumnsFor(proposal: Json, result: ProposalProfile): Record<string, string[]> {
  return Object.fromEntries(
    streamsOf(proposal).map((s, i) => {
      const line = result.streams[i];
      return [s.id, line ? drivenMeasures(line).map((m) => m.key) : []];
    }),
  );
}

interface WeightingRow {
  readonly caption: string;
  readonly key: string;
  readonly evidence?: CellScalar;
  readonly weighting: CellScalar;
  readonly value?: CellScalar;
  readonly unit?: string;
}

/** One row per weighting the JSON states: a target as evidence × weighting, a stream's, the proposal's. */
function weightingRows(
  proposal: Json,
  streams: ReturnType<typeof streamsOf>,
  result: ProposalProfile | undefined,
): WeightingRow[] {
  const rows: WeightingRow[] = [];
  const n = (v: { toNumber(): number } | undefined): CellScalar => (v ? v.toNumber() : null);
  streams.forEach((s, i) => {
    const line = result?.streams[i];
    if (s.json.targetWeighting !== undefined) {
      const w = line?.weightings[0];
      rows.push({
        caption: `${s.label}: ${w?.label ?? "Target"}`,
        key: `weighting.${s.id}.target`,
        evidence: n(w?.evidence),
        weighting: n(w?.weighting),
        value: n(w?.value),
        ...(w?.unit ? { unit: w.unit } : {}),
      });
    }
    if (s.json !== getPath(proposal, "assumptions") && s.json.confidenceWeighting !== undefined) {
      rows.push({
        caption: `${s.label}: confidence weighting on its gross`,
        key: `weighting.${s.id}.stream`,
        // The line's weighting is stream × proposal; the stream's own is that over the proposal's.
        weighting: !line
          ? null
          : result?.confidenceWeighting === undefined
            ? line.weighting.toNumber()
            : result.confidenceWeighting.isZero()
              ? null
              : line.weighting.div(result.confidenceWeighting).toNumber(),
      });
    }
  });
  if (getPath(proposal, "assumptions.confidenceWeighting") !== undefined) {
    rows.push({
      caption: "Confidence weighting on the whole proposal",
      key: "weighting.proposal",
      weighting: n(result?.confidenceWeighting),
    });
  }
  return rows;
}
