import { DEFAULT_REALISATION_FACTOR, fieldCaption, fieldChoices } from "../../engine";
import { cellAddress, columnLetter, parseAddress } from "../address";
import { percentText } from "../cellValues";
import { WorkbookError } from "../errors";
import type { ModelledProposal } from "../engineLink";
import { getPath, jsonLeaves } from "../jsonPath";
import { assumptionName, nameSlug } from "../names";
import type { BarChartSpec, CellScalar, ComboChartSpec } from "../port";
import {
  DATE_FORMAT,
  MILLIONS_FORMAT,
  BOOLEAN_FORMAT,
  INPUT_PERCENT_FORMAT,
  POUNDS_FORMAT,
  STYLES,
  alignedTop,
  chartPageBreaks,
  type InputType,
  type LayoutCell,
  type SheetLayout,
} from "./types";
import { formulaWriter, toPenny } from "./cellWriters";
import { assumptionsTable } from "./assumptionsTable";
import { profileBreakdown } from "./profileBreakdown";
import { DEFAULT_FONT_SIZE, fitRowHeights, fittingFontSize, spanWidth, splitToRows } from "./textFit";
import { optimismBiasFormula } from "./parametersSheet";
import { greenBookBlock, type GreenBookAddresses } from "./greenBookBlock";
import { inputCaption, tornadoBlock } from "./tornadoBlock";

/**
 * The proposal sheet, in the order of the Benefits Proposal template (as in the Efficiency Review's
 * Appendix B): opportunity, description, existing MTFS lines, quantified opportunity and confidence,
 * further benefit, evidence, solutions, triangulation table, benefits profile with its assumptions,
 * investment, risks, expected impact, LGR, recommendations. Assumptions are named input cells; the triangulation results, cumulative and in-year
 * columns and the quantified opportunity are standard formulas; gross, costs, overlap and run rate are
 * engine-owned values (see docs/workbooks.md, "the #NAME? problem").
 */
export interface ProposalSheetInput {
  readonly sheet: string;
  /** The proposal JSON as stored (contract shape); input cells show its values. */
  readonly proposal: Readonly<Record<string, unknown>>;
  /** FY labels of the profile rows ("FY26/27", ...), fixed when the sheet is created. */
  readonly fyLabels: readonly string[];
  /** Computed results; absent when the layout is only used to locate the input cells. */
  readonly modelled?: ModelledProposal;
  /** Slug of the sheet's defined names, as the register keeps it; `nameSlug(sheet)` when absent. */
  readonly slug?: string;
  /**
   * Rows each long text takes (by path), fixed when the sheet is created, as the register keeps them; a path
   * not listed takes one row. Ignored when `fitTexts` is set.
   */
  readonly textRows?: Readonly<Record<string, number>>;
  /** Lay the sheet out for the proposal's texts (a new or rewritten sheet): each takes the rows it needs. */
  readonly fitTexts?: boolean;
  /**
   * The assumptions as a table in words (caption, value, unit, note; a table per stream), as every sheet is
   * now laid out. Absent on a sheet written before: one row per JSON field in its JSON order, which keeps
   * its cells where they were, so it still refreshes.
   */
  readonly assumptionsInWords?: boolean;
  /**
   * The sheet has the Green Book block (real prices, discounting, NPV, BCR, payback, cashability split) below
   * the profile's breakdown, as every sheet in words is now laid out. Absent on a sheet written before: its
   * cells stay where they were.
   */
  readonly greenBook?: boolean;
  /**
   * Rows of the sensitivity (tornado) block below the narrative, fixed when the sheet is laid out
   * (`tornadoRowsFor`); absent or 0 on a sheet written before it: no block.
   */
  readonly tornadoRows?: number;
  /**
   * The breakdown's measure columns by stream id (`measureColumnsFor`), fixed when the sheet is laid out, so a
   * refresh never moves them under their headings; absent on a sheet written before: every measure.
   */
  readonly measureColumns?: Readonly<Record<string, readonly string[]>>;
}

export interface ProposalSheetLayout extends SheetLayout {
  readonly statusAddress: string;
  /** MTFS row cell of each FY (cumulative + inflation contingency), by label: what the Programme sheet links to. */
  readonly mtfsRowAddress: ReadonlyMap<string, string>;
  /** Risk-adjusted MTFS row cell of each FY, by label (the Programme's risk-adjusted rows link to it). */
  readonly riskAdjustedRowAddress: ReadonlyMap<string, string>;
  /** The confidence level cell (the Programme's Confidence column links to it). */
  readonly confidenceAddress: string;
  readonly timeToRunRateAddress: string;
  readonly chart: ComboChartSpec;
  /** The tornado chart over the sensitivity block, when the sheet has one. */
  readonly tornadoChart?: BarChartSpec;
  /** Rows of every text split over more than one row, by path (what the register keeps as `textRows`). */
  readonly textRows: Readonly<Record<string, number>>;
  /** Where the Green Book block's figures are (sheets with `greenBook`). */
  readonly greenBook?: GreenBookAddresses;
}

export const PROPOSAL_LAYOUT_ID = "proposalSheet";

/**
 * Column widths (characters). Long texts sit in merged cells from their column to LAST_COLUMN (B:H is 122
 * characters wide, a triangulation explanation E:H 64), so the page stays one table wide when printed.
 */
const COLUMN_WIDTHS: ReadonlyMap<string, number> = new Map([
  ["A", 44],
  ["B", 18],
  ["C", 22],
  ["D", 18],
  ["E", 18],
  ["F", 18],
  ["G", 14],
  ["H", 14],
  ["I", 14],
  ["J", 14],
  ["K", 16],
]);
const LAST_COLUMN = "H";

/** Assumptions that are prose (notes, labels) rather than parameters: shown across B:H, wrapped. */
const PROSE_KEYS = /(note|label|description|reason|source|explanation)$/i;

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32_767;

/**
 * Throws WorkbookError "text-too-long", naming the field, when `value` is text longer than a cell holds.
 *
 * @example
 * assertFitsCell("narrative.risks", "x".repeat(40_000)) // throws "narrative.risks: is 40000 characters, …"
 */
export function assertFitsCell(path: string, value: unknown): void {
  if (typeof value === "string" && value.length > MAX_CELL_TEXT) {
    throw new WorkbookError(
      "text-too-long",
      `${path}: is ${value.length} characters, more than a spreadsheet cell holds (${MAX_CELL_TEXT})`,
    );
  }
}

const OPPORTUNITY_ROWS: readonly [string, string][] = [
  ["Opportunity Name", "opportunity.name"],
  ["Opportunity Description", "opportunity.description"],
  ["Directorate", "opportunity.directorate"],
  ["Theme", "opportunity.theme"],
  ["Type of opportunity", "opportunity.type"],
  ["Existing MTFS lines relating to opportunity", "opportunity.existingMtfsLines"],
];

const NARRATIVE_AFTER_PROFILE: readonly [string, string][] = [
  ["Initial view of investment required to realise opportunity", "narrative.investmentView"],
  ["Risks & Dependencies (known today)", "narrative.risks"],
  ["Expected impact: residents", "narrative.residentsImpact"],
  ["Expected impact: staffing", "narrative.staffingImpact"],
  ["Expected impact: service levels", "narrative.serviceLevelsImpact"],
  ["How would LGR impact this opportunity?", "narrative.lgrImpact"],
  ["Officer Recommendation for next steps", "narrative.officerRecommendation"],
  ["Adviser Recommendation for next steps", "narrative.adviserRecommendation"],
];

const TRIANGULATION_LABELS: Readonly<Record<string, string>> = {
  "triangulation.kind": "Starts counted a year (annualStarts) or a month (monthlyStarts)",
  "triangulation.baselineStarts": "Baseline starts per year",
  "triangulation.mtfsCaseload": "Caseload by end of MTFS (no change)",
  "triangulation.realisationFactor": "Share of the steady-state reduction realised by the end of the MTFS",
  "triangulation.startsPerMonth": "Baseline starts per month",
  "triangulation.baselineCaseload": "Baseline caseload",
  "triangulation.horizonYears": "Caseload horizon (years)",
  "triangulation.realisationFactorNote": "Realisation factor note",
  "triangulation.uncertainBand": "Uncertainty band (± share of the % change)",
  "triangulation.rounding": "Rounding to whole numbers (round, floor or ceil)",
  "triangulation.startsLabel": "Heading of the starts column",
};

/**
 * The table's scalar parameters (everything but the rows); the annual-starts realisation factor is shown
 * with its engine default (0.70) when the proposal leaves it out, so the formulas have a cell to name.
 */
function triangulationParams(tri: unknown): { readonly path: string; readonly value: unknown }[] {
  if (tri === null || typeof tri !== "object") return [];
  const t = tri as Record<string, unknown>;
  const out = Object.entries(t)
    .filter(([k, v]) => k !== "rows" && (v === null || typeof v !== "object"))
    .map(([k, v]) => ({ path: `triangulation.${k}`, value: v }));
  if (t.kind !== "monthlyStarts" && !("realisationFactor" in t)) {
    out.push({ path: "triangulation.realisationFactor", value: DEFAULT_REALISATION_FACTOR.toNumber() });
  }
  return out;
}

/** Table column headings wrap (e.g. "Overlap with existing MTFS lines" in an 18-character column). */
const TABLE_HEADING = { ...STYLES.heading, wrap: true } as const;

/** Profile columns D:I copied straight from the engine's year (B, C and J are live formulas). */
const PROFILE_ENGINE_COLUMNS: readonly (readonly [
  string,
  "gross" | "costs" | "overlap" | "avoidedEvents" | "caseloadReduction" | "inflationContingency",
  string,
])[] = [
  ["D", "gross", MILLIONS_FORMAT],
  ["E", "costs", MILLIONS_FORMAT],
  ["F", "overlap", MILLIONS_FORMAT],
  ["G", "avoidedEvents", "0.0"],
  ["H", "caseloadReduction", "0.0"],
  ["I", "inflationContingency", MILLIONS_FORMAT],
];

/** The engine columns D:I of a sheet in words (B, C and J are live formulas). */
const WORDS_PROFILE_COLUMNS: readonly (readonly [
  string,
  "gross" | "costs" | "overlap" | "existingMtfs" | "addedBack" | "inflationContingency",
  string,
])[] = [
  ["D", "gross", MILLIONS_FORMAT],
  ["E", "costs", MILLIONS_FORMAT],
  ["F", "overlap", MILLIONS_FORMAT],
  ["G", "existingMtfs", MILLIONS_FORMAT],
  ["H", "addedBack", MILLIONS_FORMAT],
  ["I", "inflationContingency", MILLIONS_FORMAT],
];

const PERCENT_KEYS = /(growthPerYear|inflationPerYear|realisationFactor|percentChange|Rate|\.share)$/;
const MONEY_KEYS = /(Cost|amount\w*)$/;

/** Percent strings ("8%") become fractions so formulas can use them. */
function cellValue(v: unknown): CellScalar {
  if (typeof v === "string") return percentText(v) ?? v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  return null;
}

/** Dates of the timeline and of investment lines: `startDate`, `fromDate`, a one-off cost's `date`, ... */
const DATE_KEYS = /(^|\.)(date|\w+Date)$/;

function isPercent(path: string, proposal: Readonly<Record<string, unknown>>): boolean {
  if (PERCENT_KEYS.test(path)) return true;
  return path === "assumptions.target.value" && getPath(proposal, "assumptions.target.kind") === "percent";
}

/** What an input field holds, from its path and the value the proposal gives it. */
function inputType(path: string, value: unknown, proposal: Readonly<Record<string, unknown>>): InputType {
  if (fieldChoices(path)) return "choice";
  if (typeof value === "boolean") return "boolean";
  if (DATE_KEYS.test(path)) return "date";
  if (isPercent(path, proposal)) return "percent";
  return typeof cellValue(value) === "number" ? "number" : "text";
}

function assumptionFormat(path: string, proposal: Readonly<Record<string, unknown>>): string | undefined {
  if (isPercent(path, proposal)) return INPUT_PERCENT_FORMAT;
  if (MONEY_KEYS.test(path)) return POUNDS_FORMAT;
  if (DATE_KEYS.test(path)) return DATE_FORMAT;
  return undefined;
}

/** Booleans are offered as Excel's own TRUE and FALSE. */
const BOOLEAN_CHOICES: readonly string[] = ["TRUE", "FALSE"];

/** A field's caption as messages name it, from the engine's caption table (the path within the assumptions). */
function assumptionLabel(path: string): string {
  return fieldCaption(path.replace(/^assumptions\./, ""));
}

/**
 * Declares every cell of a proposal sheet.
 *
 * @example
 * const layout = proposalSheetLayout({ sheet: "CFS Targeted Prevention", proposal, fyLabels, modelled });
 * layout.mtfsRowAddress.get("FY29/30") // "J31"
 */
export function proposalSheetLayout(input: ProposalSheetInput): ProposalSheetLayout {
  // Refresh locates a stored proposal's cells several times over; its layout is the same each time.
  if (input.modelled) return layOut(input);
  const known = locating.get(input);
  if (known) return known;
  const layout = layOut(input);
  locating.set(input, layout);
  return layout;
}

/** Layouts without results by their input (a register's stored proposal), while the input lives. */
const locating = new WeakMap<ProposalSheetInput, ProposalSheetLayout>();

function layOut(input: ProposalSheetInput): ProposalSheetLayout {
  const { sheet, proposal, fyLabels, modelled } = input;
  const slug = input.slug ?? nameSlug(sheet);
  const cells: LayoutCell[] = [];
  const merges: string[] = [];
  /** Merges `address` with the cells to its right up to `to` (a column letter); returns the range. */
  const spanTo = (address: string, to: string): string => {
    const range = `${address}:${to}${address.replace(/^[A-Z]+/, "")}`;
    merges.push(range);
    return range;
  };
  const label = (address: string, text: string, style: LayoutCell["style"] = STYLES.label): void => {
    cells.push({ kind: "label", address, text, style });
  };
  const heading = (address: string, text: string): void => {
    label(address, text, STYLES.heading);
    spanTo(address, LAST_COLUMN);
  };
  /** A wrapped text input, across columns up to `to` when given, in a smaller font when it is very long. */
  const text = (address: string, path: string, label: string, to?: string): void => {
    const value = cellValue(getPath(proposal, path));
    assertFitsCell(path, value);
    const box = { width: spanWidth(to ? spanTo(address, to) : address, COLUMN_WIDTHS) };
    const fontSize = typeof value === "string" ? fittingFontSize(value, box) : DEFAULT_FONT_SIZE;
    const choices = fieldChoices(path);
    cells.push({
      kind: "input",
      address,
      path,
      value,
      style: { ...STYLES.text, fontSize },
      type: choices ? "choice" : "text",
      label,
      ...(choices ? { choices } : {}),
    });
  };
  /** One JSON leaf as a named input in column B of row `r`, across the sheet (and wrapped) when it is prose. */
  const inputRow = (
    r: number,
    leaf: { readonly path: string; readonly value: unknown },
    name: string,
    numberFormat: string | undefined,
    label: string,
  ): void => {
    const prose = PROSE_KEYS.test(leaf.path);
    if (prose) spanTo(`B${r}`, LAST_COLUMN);
    const type = prose ? "text" : inputType(leaf.path, leaf.value, proposal);
    const choices = type === "boolean" ? BOOLEAN_CHOICES : fieldChoices(leaf.path);
    cells.push({
      kind: "input",
      address: `B${r}`,
      path: leaf.path,
      value: cellValue(leaf.value),
      name,
      numberFormat: numberFormat ?? (type === "boolean" ? BOOLEAN_FORMAT : undefined),
      style: prose ? { ...STYLES.input, wrap: true } : STYLES.input,
      type,
      label,
      ...(choices ? { choices } : {}),
    });
  };
  const textRows: Record<string, number> = {};
  /**
   * A prose field captioned in column A of row `r`, its text across B:LAST_COLUMN over as many rows as it
   * needs (each under Excel's row height limit); returns the rows it takes.
   */
  const longText = (r: number, caption: string, path: string): number => {
    label(`A${r}`, caption);
    const value = cellValue(getPath(proposal, path));
    assertFitsCell(path, value);
    const box = { width: spanWidth(`B${r}:${LAST_COLUMN}${r}`, COLUMN_WIDTHS) };
    const choices = fieldChoices(path);
    // A choice (a dropdown) is one cell; prose is split into parts that each fit a row.
    const fitted = typeof value === "string" && !choices ? splitToRows(value, box) : [value];
    const of = input.fitTexts || choices ? fitted.length : Math.max(1, input.textRows?.[path] ?? 1);
    // A text longer than its fixed rows (edited since) keeps the rest in its last row.
    const parts = fitted.length > of ? [...fitted.slice(0, of - 1), fitted.slice(of - 1).join("\n")] : fitted;
    if (of > 1) textRows[path] = of;
    for (let i = 0; i < of; i++) {
      const address = `B${r + i}`;
      spanTo(address, LAST_COLUMN);
      const part = parts[i] ?? null;
      const fontSize = typeof part === "string" ? fittingFontSize(part, box) : DEFAULT_FONT_SIZE;
      cells.push({
        kind: "input",
        address,
        path,
        value: part,
        style: { ...STYLES.text, fontSize },
        type: choices ? "choice" : "text",
        label: of > 1 ? `${caption} (part ${i + 1} of ${of})` : caption,
        ...(choices ? { choices } : {}),
        ...(of > 1 ? { part: { index: i, of } } : {}),
      });
    }
    return of;
  };
  const engine = (address: string, key: string, value: CellScalar, numberFormat?: string): void => {
    cells.push({ kind: "engine", address, key, value, numberFormat, style: STYLES.owned });
  };
  const formula = formulaWriter(cells);
  const years = modelled?.profile.years;
  // Rows are matched by FY label: the sheet's FY rows were fixed when it was created.
  const money = (
    i: number,
    pick: (y: NonNullable<typeof years>[number]) => { toNumber(): number },
  ): CellScalar => {
    const y = years?.find((x) => x.label === fyLabels[i]);
    return y ? pick(y).toNumber() : years ? 0 : null;
  };

  label("A1", "Benefits Proposal", STYLES.title);
  label("E1", "Refresh status", STYLES.label);
  const statusAddress = "F1";
  label("A2", "Blue cells are assumptions (named); grey cells are computed by MTFS Benefits and refreshed.", {
    italic: true,
  });
  spanTo("A2", LAST_COLUMN);

  let row = 3;
  for (const [caption, path] of OPPORTUNITY_ROWS) row += longText(row, caption, path);

  // Profile block position is needed by the summary rows above it, so lay out the triangulation first.
  const triRaw = getPath(proposal, "triangulation");
  const triParams = triangulationParams(triRaw);
  const triRows = Array.isArray(getPath(proposal, "triangulation.rows"))
    ? (getPath(proposal, "triangulation.rows") as unknown[])
    : [];
  const summaryRow = row; // quantified opportunity
  const runRateRow = row + 1;
  const evidenceRow = row + 2;
  const solutionsRow =
    evidenceRow + longText(evidenceRow, "Evidence behind opportunity and local levers", "narrative.evidence");
  const triHeadingRow =
    solutionsRow + longText(solutionsRow, "Proposed solutions", "narrative.proposedSolutions") + 1;
  const triParamsRow = triHeadingRow + 1;
  const triTableHeaderRow = triParamsRow + Math.max(triParams.length, 1);
  const triFirstRow = triTableHeaderRow + 1;
  const profileHeadingRow = triFirstRow + Math.max(triRows.length, 1) + 1;
  const profileHeaderRow = profileHeadingRow + 1;
  const profileFirstRow = profileHeaderRow + 1;

  const mtfsRowAddress = new Map<string, string>();
  fyLabels.forEach((fy, i) => mtfsRowAddress.set(fy, `J${profileFirstRow + i}`));
  const mtfsLastFy = String(getPath(proposal, "assumptions.horizon.mtfsLastFy") ?? "FY29/30");
  const quantifiedIndex = Math.max(0, fyLabels.indexOf(mtfsLastFy));

  label(
    `A${summaryRow}`,
    "Quantified opportunity over MTFS (net of ongoing costs and of existing MTFS value)",
  );
  formula(
    `B${summaryRow}`,
    "quantifiedOpportunity",
    `C${profileFirstRow + quantifiedIndex}`,
    modelled ? modelled.profile.quantifiedOpportunity.toNumber() : null,
    MILLIONS_FORMAT,
  );
  label(`C${summaryRow}`, "Confidence level of value");
  text(`D${summaryRow}`, "opportunity.confidence.level", "Confidence level of value");
  text(`E${summaryRow}`, "opportunity.confidence.reason", "Confidence reason", LAST_COLUMN);

  label(`A${runRateRow}`, "Further benefit beyond the MTFS: full run rate");
  engine(
    `B${runRateRow}`,
    "fullRunRate.value",
    modelled ? modelled.profile.fullRunRate.value.toNumber() : null,
    MILLIONS_FORMAT,
  );
  label(`C${runRateRow}`, "achieved in");
  engine(`D${runRateRow}`, "fullRunRate.fy", modelled ? modelled.profile.fullRunRate.label : null);
  label(`E${runRateRow}`, "Time to hit full run rate (years)");
  const timeToRunRateAddress = `F${runRateRow}`;
  engine(
    timeToRunRateAddress,
    "timeToFullRunRateYears",
    modelled ? modelled.profile.timeToFullRunRateYears.toNumber() : null,
    "0.0#",
  );

  // Triangulation (the template's "Operational impact"): annual-starts rows with one % are ROUND (ROUNDDOWN,
  // ROUNDUP by the table's rule) formulas over the named parameters (B's triangulate, same arithmetic); other
  // kinds and % ranges are engine-owned values; starts a row states are inputs.
  heading(`A${triHeadingRow}`, "Operational impact: triangulation");
  const monthly = getPath(proposal, "triangulation.kind") === "monthlyStarts";
  const paramName = new Map<string, string>();
  triParams.forEach((leaf, i) => {
    const r = triParamsRow + i;
    const name = assumptionName(slug, leaf.path);
    paramName.set(leaf.path.replace(/^triangulation\./, ""), name);
    const caption = TRIANGULATION_LABELS[leaf.path] ?? leaf.path.replace(/^triangulation\./, "");
    label(`A${r}`, caption);
    inputRow(r, leaf, name, PERCENT_KEYS.test(leaf.path) ? INPUT_PERCENT_FORMAT : undefined, caption);
  });
  const named = getPath(proposal, "triangulation.startsLabel");
  const startsHeading = typeof named === "string" && named.trim() !== "" ? named.trim() : undefined;
  const headers = monthly
    ? [
        "Triangulation methodology",
        "% change achievable",
        startsHeading ?? "Children per month",
        "Caseload in horizon",
        "Explanation",
      ]
    : [
        "Triangulation methodology",
        "% change achievable",
        startsHeading ?? "Annual avoided starts",
        "Caseload by end of MTFS",
        "Explanation",
      ];
  headers.forEach((h, i) => label(cellAddress(i + 1, triTableHeaderRow), h, TABLE_HEADING));
  spanTo(`E${triTableHeaderRow}`, LAST_COLUMN);
  if (triRows.length === 0) label(`A${triFirstRow}`, "(no triangulation in this proposal)", { italic: true });
  const starts = paramName.get("baselineStarts");
  const caseload = paramName.get("mtfsCaseload");
  const factor = paramName.get("realisationFactor");
  // The table's rounding rule as Excel says it (floor/ceil round the size, as the engine's wholeBy does).
  const rule = String(getPath(proposal, "triangulation.rounding") ?? "round")
    .trim()
    .toLowerCase();
  const roundFn = rule === "floor" ? "ROUNDDOWN" : rule === "ceil" ? "ROUNDUP" : "ROUND";
  triRows.forEach((_, i) => {
    const r = triFirstRow + i;
    const base = `triangulation.rows[${i}]`;
    const rowName = `Triangulation row ${i + 1}`;
    text(`A${r}`, `${base}.method`, `${rowName}: methodology`);
    const pct = cellValue(getPath(proposal, `${base}.percentChange`));
    cells.push({
      kind: "input",
      address: `B${r}`,
      path: `${base}.percentChange`,
      value: pct,
      numberFormat: INPUT_PERCENT_FORMAT,
      style: STYLES.input,
      type: "percent",
      label: `${rowName}: % change achievable`,
    });
    const result = modelled?.triangulation[i];
    const avoidedKey = `triangulation[${i}].avoided`;
    const caseloadKey = `triangulation[${i}].caseload`;
    const stated = cellValue(getPath(proposal, `${base}.avoidedStarts`));
    if (stated !== null) {
      // Starts the row states are the user's input, kept as typed (Reunification's "6.5").
      cells.push({
        kind: "input",
        address: `C${r}`,
        path: `${base}.avoidedStarts`,
        value: stated,
        style: STYLES.input,
        label: `${rowName}: stated starts`,
      });
    } else if (!monthly && typeof pct === "number" && starts) {
      formula(`C${r}`, avoidedKey, `${roundFn}(${starts}*B${r},0)`, result?.avoided ?? null);
    } else {
      engine(`C${r}`, avoidedKey, result?.avoided ?? null);
    }
    if (stated === null && !monthly && typeof pct === "number" && caseload && factor) {
      formula(
        `D${r}`,
        caseloadKey,
        `${roundFn}(${caseload}*(1-${factor}*B${r}),0)`,
        result?.caseload ?? null,
      );
    } else {
      engine(`D${r}`, caseloadKey, result?.caseload ?? null);
    }
    text(`E${r}`, `${base}.explanation`, `${rowName}: explanation`, LAST_COLUMN);
  });

  // Benefits profile: cumulative = gross − costs − overlap, in-year = this FY − previous FY, MTFS row =
  // cumulative + inflation contingency (standard formulas).
  heading(`A${profileHeadingRow}`, "Benefits profile over the MTFS (net of ongoing investment)");
  // A sheet in words nets the existing MTFS lines too (G) and adds back those the MTFS row includes (H); its
  // operational measures have their own table below. A sheet written before keeps its columns.
  const words = input.assumptionsInWords === true;
  const columns = words ? WORDS_PROFILE_COLUMNS : PROFILE_ENGINE_COLUMNS;
  const proposalYears = modelled?.proposal.years;
  [
    "FY",
    "In-year spend reduction",
    "Cumulative benefit",
    "Gross saving",
    "Costs (investment)",
    "Overlap with existing MTFS lines",
    ...(words
      ? ["Existing MTFS lines (deducted)", "Existing MTFS lines added back"]
      : ["Avoided events in FY", "Average caseload reduction"]),
    "Inflation contingency (held centrally)",
    words ? "MTFS row (cumulative + contingency + added back)" : "MTFS row (cumulative + contingency)",
    ...(words ? ["Risk-adjusted MTFS row (optimism bias, Parameters)"] : []),
  ].forEach((h, i) => label(cellAddress(i + 1, profileHeaderRow), h, TABLE_HEADING));
  fyLabels.forEach((fy, i) => {
    const r = profileFirstRow + i;
    const k = `profile.${fy}`;
    const year = proposalYears?.find((y) => y.label === fy);
    label(`A${r}`, fy, STYLES.label);
    // This FY less the previous one (the first FY: its cumulative), to the penny: two settled cumulatives
    // differ by float noise, and a first FY's gross less costs can be −£0.0001 (toPenny).
    const cumulative = (j: number): CellScalar => money(j, (y) => y.cumulative);
    const [now, before] = [cumulative(i), i === 0 ? null : cumulative(i - 1)];
    const inYear =
      i === 0
        ? toPenny(`C${r}`, typeof now === "number" ? now : money(i, (y) => y.inYear))
        : toPenny(
            `C${r}-C${r - 1}`,
            typeof now === "number" && typeof before === "number" ? now - before : money(i, (y) => y.inYear),
          );
    formula(`B${r}`, `${k}.inYear`, inYear.formula, inYear.value, MILLIONS_FORMAT);
    formula(
      `C${r}`,
      `${k}.cumulative`,
      words ? `D${r}-E${r}-F${r}-G${r}` : `D${r}-E${r}-F${r}`,
      money(i, (y) => y.cumulative),
      MILLIONS_FORMAT,
    );
    for (const [column, field, numberFormat] of columns) {
      const value =
        field === "existingMtfs" || field === "addedBack"
          ? year
            ? year[field].toNumber()
            : proposalYears
              ? 0
              : null
          : money(i, (y) => y[field]);
      engine(`${column}${r}`, `${k}.${field}`, value, numberFormat);
    }
    formula(
      `J${r}`,
      `${k}.mtfsImpact`,
      words ? `C${r}+I${r}+H${r}` : `C${r}+I${r}`,
      money(i, (y) => y.mtfsImpact),
      MILLIONS_FORMAT,
    );
    // Benefits (MTFS row + costs) less the optimism bias when positive, less costs: riskAdjustNet. Sheets
    // laid out before it (path captions) keep their columns.
    const benefits = `(J${r}+E${r})`;
    if (words)
      formula(
        `K${r}`,
        `${k}.riskAdjusted`,
        `IF(${benefits}>0,${benefits}*(1-${optimismBiasFormula(`$D$${summaryRow}`)}),${benefits})-E${r}`,
        modelled ? (modelled.riskAdjusted[i]?.toNumber() ?? null) : null,
        MILLIONS_FORMAT,
      );
  });
  const profileLastRow = profileFirstRow + fyLabels.length - 1;

  let r = profileLastRow + 2;
  if (words) {
    const breakdown = profileBreakdown(r, proposal, fyLabels, modelled?.proposal, input.measureColumns);
    cells.push(...breakdown.cells);
    merges.push(...breakdown.merges);
    r = breakdown.next;
  }
  // Region of the Green Book block (greenBookBlock.ts): its own rows, after the breakdown, columns A:L.
  let greenBook: GreenBookAddresses | undefined;
  if (words && input.greenBook) {
    const block = greenBookBlock(r, fyLabels, profileFirstRow, modelled);
    cells.push(...block.cells);
    merges.push(...block.merges);
    greenBook = block.addresses;
    r = block.next;
  }
  heading(`A${r}`, "Benefit profile assumptions");
  r++;
  const horizon = getPath(proposal, "assumptions.horizon");
  if (horizon) {
    label(`A${r}`, "Horizon (fixed when the sheet was created)");
    label(`B${r}`, `${fyLabels[0] ?? ""} to ${fyLabels[fyLabels.length - 1] ?? ""}`, {});
    r++;
  }
  if (input.assumptionsInWords) {
    const table = assumptionsTable(r, proposal, slug);
    cells.push(...table.cells);
    merges.push(...table.merges);
    r = table.next;
  } else {
    for (const leaf of jsonLeaves(getPath(proposal, "assumptions"), "assumptions")) {
      if (leaf.path.startsWith("assumptions.horizon")) continue;
      const caption = assumptionLabel(leaf.path);
      label(`A${r}`, caption);
      inputRow(r, leaf, assumptionName(slug, leaf.path), assumptionFormat(leaf.path, proposal), caption);
      r++;
    }
  }

  r++;
  for (const [caption, path] of NARRATIVE_AFTER_PROFILE) r += longText(r, caption, path);

  // The tornado (its own region, below everything else, columns A:I and its chart from K): each input named
  // as its assumption cell is captioned above.
  const inputLabels = new Map<string, string>();
  const inputFormats = new Map<string, string | undefined>();
  for (const c of cells)
    if (c.kind === "input" && c.label && !inputLabels.has(c.path)) {
      inputLabels.set(c.path, c.label);
      inputFormats.set(c.path, c.numberFormat);
    }
  const tornado =
    (input.tornadoRows ?? 0) > 0
      ? tornadoBlock({
          sheet,
          first: r + 1,
          rows: input.tornadoRows ?? 0,
          ...(modelled?.sensitivity ? { sensitivity: modelled.sensitivity } : {}),
          fy: mtfsLastFy,
          baseFormula: `B${summaryRow}`,
          captionOf: (path) => inputCaption(path, inputLabels),
          formatOf: (path) => inputFormats.get(`assumptions.${path.replace(/^assumptions\./, "")}`),
          inCaptionColumn: true,
        })
      : undefined;
  if (tornado) {
    cells.push(...tornado.cells);
    merges.push(...tornado.merges);
    r = tornado.next;
  }

  // Columns right of J (a multi-stream sheet's measures) are as wide as the table's last columns.
  const widths = new Map(COLUMN_WIDTHS);
  for (const c of cells) {
    const column = c.address.replace(/\d+$/, "");
    if (!widths.has(column)) widths.set(column, 14);
  }
  // The chart sits right of the tables beside it, past two empty columns: the first free column is where a
  // user types a note beside the profile, and the note runs on into the next one (not under the chart).
  const chartColumn = Math.max(
    13,
    ...cells
      .filter((c) => {
        const row = Number(/\d+$/.exec(c.address)?.[0]);
        return row >= profileHeadingRow && row <= profileHeadingRow + 16;
      })
      .map((c) => parseAddress(c.address).column + 3),
  );
  const chart: ComboChartSpec = {
    sheet,
    name: "MTFS benefits profile",
    // The axis shows the cells' £m format.
    title: "Benefits profile (£m)",
    categories: `A${profileFirstRow}:A${profileLastRow}`,
    bars: { name: "In-year spend reduction", values: `B${profileFirstRow}:B${profileLastRow}` },
    line: { name: "Cumulative benefit", values: `C${profileFirstRow}:C${profileLastRow}` },
    from: `${columnLetter(chartColumn)}${profileHeadingRow}`,
    to: `${columnLetter(chartColumn + 7)}${profileHeadingRow + 16}`,
  };
  // Numbers beside a paragraph sit at the top of the row, level with its first line.
  const topAligned = alignedTop(cells);
  return {
    layoutId: PROPOSAL_LAYOUT_ID,
    sheet,
    cells: topAligned,
    statusAddress,
    mtfsRowAddress,
    riskAdjustedRowAddress: new Map(words ? fyLabels.map((fy, i) => [fy, `K${profileFirstRow + i}`]) : []),
    confidenceAddress: `D${summaryRow}`,
    timeToRunRateAddress,
    // One page across (the tables and the chart beside them) printed at about 5 pt (LibreOffice's PDF of the
    // demo): two pages, the caption column repeated on each.
    print: { pagesWide: 2, titleColumns: "A:A" },
    columnWidths: [...widths].map(([column, width]) => ({ column, width })),
    merges,
    ...(tornado?.formerMerges.length ? { formerMerges: tornado.formerMerges } : {}),
    rowHeights: fitRowHeights(cells, merges, widths),
    textRows,
    ...(greenBook ? { greenBook } : {}),
    ...(tornado ? { tornadoChart: tornado.chart } : {}),
    chart,
    // The profile's table and chart start a page, as does the tornado's block and chart.
    pageBreaks: chartPageBreaks([chart, ...(tornado ? [tornado.chart] : [])]),
  };
}
