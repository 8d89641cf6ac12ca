import { fieldWords } from "../engine";
import { displayValue } from "./cellDisplay";
import { shownValue } from "./layouts/cellWords";
import type { ProgrammeConfig } from "./layouts/programmeConfig";
import type { CellChange } from "./ownedCells";
import type { CellScalar } from "./port";
import { PROGRAMME_OWNER as PROGRAMME } from "./programme";
import { PROGRAMME_SHEET } from "./layouts/programmeSheet";
import type { CountedCell } from "./cachedResults";
import { proposalNameKey } from "./duplicateProposals";

/**
 * The refresh report in finance words: per proposal its headline figures first ("quantified opportunity
 * £1.10m → £1.85m"), then the other changed cells by label, then the hand edits refresh kept. One display
 * formatter for owned values (`displayValue` in cellDisplay.ts), shared by the report and the hand-edit note.
 */

/** One line of the change report (the taskpane's ChangeReport shows these). */
export interface ChangeReportLine {
  /** Proposal sheet name, or "(programme)". */
  readonly proposal: string;
  /** What the cell holds, in finance words: "quantified opportunity", "FY28/29 cumulative benefit". */
  readonly label?: string;
  /** Sheet and address: "CFS Targeted Prevention!C37". */
  readonly cell: string;
  readonly before: string;
  /** For a kept hand edit: what refresh computed (the cell keeps `before`, the user's value). */
  readonly after: string;
  /** A headline figure (quantified opportunity, full run rate, time to full run rate, programme totals). */
  readonly headline?: boolean;
  /** An owned cell edited by hand: kept as the user typed it, not changed. */
  readonly kept?: boolean;
  /** The proposal could not be refreshed; `after` says why (its sheet keeps its last figures). */
  readonly failed?: boolean;
  /** Refreshed, but a value is worth a look; `after` says which and why. */
  readonly warning?: boolean;
  /** The sheet's section the cell is in ("Green Book view"), for counts per block. */
  readonly block?: string;
  /** Changed by less than the displayed precision: `before` and `after` read the same. */
  readonly unseen?: boolean;
}

/** Programme keys whose row names come from the programme's config (the layout's captions are its headings). */
const CONFIG_KEY = /^(directorates|subtotal|area|theme)\[/;
const YEARS_KEY = /(timeToFullRunRateYears|timeToFullRunRate|paybackYears)$/;
const HEADLINE_KEY =
  /^(quantifiedOpportunity|fullRunRate\.value|timeToFullRunRateYears|total\.FY\d\d\/\d\d|additionalBeyondMtfs|paybackYears)$/;

/**
 * An owned cell's value as the report shows it: `displayValue` (money as £m, the one formatter the hand-edit
 * note uses too), with years named as such.
 *
 * @example
 * reportValue("profile.FY28/29.cumulative", 2994079.711554999) // "£2.99m"
 * reportValue("timeToFullRunRateYears", 1.5416666) // "1.54 years"
 */
export function reportValue(key: string, v: CellScalar, numberFormat?: string): string {
  // Years to two decimals both sides of a change: "3.19 years → 3.20 years", not "→ 3.2 years".
  if (typeof v === "number" && YEARS_KEY.test(key)) return `${(Math.round(v * 100) / 100).toFixed(2)} years`;
  return numberFormat === undefined && typeof v === "number"
    ? displayValue(key, v)
    : shownValue(numberFormat, v);
}

const PROFILE_FIELDS: Readonly<Record<string, string>> = {
  inYear: "in-year spend reduction",
  cumulative: "cumulative benefit",
  gross: "gross saving",
  costs: "costs (investment)",
  overlap: "overlap with existing MTFS lines",
  avoidedEvents: "avoided events",
  caseloadReduction: "average caseload reduction",
  inflationContingency: "inflation contingency (held centrally)",
  existingMtfs: "existing MTFS lines (deducted)",
  addedBack: "existing MTFS lines added back",
  mtfsImpact: "MTFS row",
};

/** "homecareHoursAvoided" → "homecare hours avoided". */
const spaced = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

const FIXED: Readonly<Record<string, string>> = {
  quantifiedOpportunity: "quantified opportunity",
  "fullRunRate.value": "full run rate",
  "fullRunRate.fy": "full run rate reached in",
  timeToFullRunRateYears: "time to full run rate",
  additionalBeyondMtfs: "additional beyond the MTFS",
  paybackYears: "payback",
  "totalCosts.total": "total implementation costs",
  "benefits.total": "financial benefits",
  "cashflow.total": "cumulative cashflow",
  "themes.er": "all themes: ER benefit",
  "themes.existing": "all themes: existing MTFS benefit",
  "themes.total": "all themes: total benefit",
};

const own = (o: Readonly<Record<string, string>>, k: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;

/**
 * The finance name of an owned cell's key; programme rows, directorates, areas and themes by their names in
 * `config` when given.
 *
 * @example
 * changeLabel("profile.FY28/29.cumulative") // "FY28/29 cumulative benefit"
 * changeLabel("subtotal[1].FY29/30", config) // "Children and Family Services ER savings FY29/30"
 */
export function changeLabel(key: string, config?: ProgrammeConfig): string {
  const fixed = own(FIXED, key);
  if (fixed) return fixed;
  let m = /^profile\.(FY\d\d\/\d\d)\.(\w+)$/.exec(key);
  if (m) return `${m[1]} ${own(PROFILE_FIELDS, m[2]) ?? m[2]}`;
  m = /^unit\.assumptions\.(.+)$/.exec(key);
  if (m) return `unit of ${fieldWords(m[1].replace(/^streams\[\d+\]\./, "")).label}`;
  m = /^streams\.([^.]+)\.(FY\d\d\/\d\d)\.(\w+)$/.exec(key);
  if (m) return `${m[2]} ${m[1]}: ${own(PROFILE_FIELDS, m[3]) ?? spaced(m[3])}`;
  m = /^weighting\.(.+)\.(evidence|weighting|value)$/.exec(key);
  if (m) return `confidence weighting ${m[1].replace(/\./g, " ")}: ${m[2]}`;
  m = /^triangulation\[(\d+)\]\.(avoided|caseload)$/.exec(key);
  if (m)
    return `triangulation row ${Number(m[1]) + 1}: ${m[2] === "avoided" ? "avoided starts" : "caseload"}`;
  m = /^directorates\[(\d+)\]\.rows\[(\d+)\]\.(.+)$/.exec(key);
  if (m) {
    const name = config?.directorates[Number(m[1])]?.rows[Number(m[2])]?.opportunity ?? "Programme row";
    return `${name} ${m[3] === "timeToFullRunRate" ? "time to full run rate" : m[3]}`;
  }
  m = /^subtotal\[(\d+)\]\.(.+)$/.exec(key);
  if (m) return `${config?.directorates[Number(m[1])]?.subtotalLabel ?? "subtotal"} ${m[2]}`;
  m = /^total\.(.+)$/.exec(key);
  if (m) return `Total ER savings ${m[1]}`;
  m = /^area\[(\d+)\]\.total$/.exec(key);
  if (m) return `${config?.resourceCost.areas[Number(m[1])]?.area ?? "resource area"} total`;
  m = /^(totalCosts|benefits|cashflow)\.(.+)$/.exec(key);
  if (m) {
    const what = {
      totalCosts: "total implementation costs",
      benefits: "financial benefits",
      cashflow: "cumulative cashflow",
    };
    return `${what[m[1] as keyof typeof what]} ${m[2]}`;
  }
  m = /^theme\[(\d+)\]\.(er|total)$/.exec(key);
  if (m) {
    const theme = config?.themes[Number(m[1])]?.theme ?? "theme";
    return `${theme}: ${m[2] === "er" ? "ER benefit" : "total benefit"}`;
  }
  return key;
}

/** The sheet's caption where its layout gives one; config names programme rows and headlines better. */
function labelOf(key: string, caption: string | undefined, config?: ProgrammeConfig): string {
  return caption && !CONFIG_KEY.test(key) && !HEADLINE_KEY.test(key) ? caption : changeLabel(key, config);
}

/**
 * Display lines for a change report, grouped by proposal in the order the changes came (the programme
 * last): headlines, then the other changed cells, then the kept hand edits.
 *
 * @example
 * reportLines(changes, config)[0]
 * // { proposal: "CFS Targeted Prevention", label: "quantified opportunity", cell: "CFS Targeted Prevention!B9",
 * //   before: "£1.10m", after: "£1.85m", headline: true }
 */
export function reportLines(changes: readonly CellChange[], config?: ProgrammeConfig): ChangeReportLine[] {
  const byOwner = new Map<string, CellChange[]>();
  for (const c of changes) byOwner.set(c.owner, [...(byOwner.get(c.owner) ?? []), c]);
  const owners = [...byOwner.keys()].sort((a, b) => Number(a === PROGRAMME) - Number(b === PROGRAMME));
  const out: ChangeReportLine[] = [];
  for (const owner of owners) {
    const mine = byOwner.get(owner) ?? [];
    // A row whose text changed (a tornado row now holding another input) had other units before: its old
    // input figures are shown in that input's format where the sheet still shows it (beforeNumberFormat),
    // else plainly, not in the new input's format (its money columns stay money).
    const rowOf = (c: CellChange): string => `${c.sheet}!${c.address.replace(/^[A-Z]+/, "")}`;
    const retitled = new Set(
      mine.filter((c) => typeof c.before === "string" && typeof c.after === "string").map(rowOf),
    );
    const line = (c: CellChange): ChangeReportLine => {
      const before = reportValue(
        c.key,
        c.before,
        c.beforeNumberFormat ??
          (retitled.has(rowOf(c)) && !c.numberFormat?.includes("£") ? undefined : c.numberFormat),
      );
      const after = reportValue(c.key, c.after, c.numberFormat);
      return {
        proposal: owner === PROGRAMME ? "(programme)" : owner,
        // The sheet's caption where its layout gives one; config names programme rows better.
        label: labelOf(c.key, c.words?.caption, config),
        cell: `${c.sheet}!${c.address}`,
        before,
        after,
        ...(c.words?.block ? { block: c.words.block } : {}),
        ...(c.kept ? { kept: true } : HEADLINE_KEY.test(c.key) ? { headline: true } : {}),
        ...(!c.kept && before === after ? { unseen: true } : {}),
      };
    };
    const lines = mine.map(line);
    out.push(
      ...lines.filter((l) => l.headline),
      ...lines.filter((l) => !l.headline && !l.kept),
      ...lines.filter((l) => l.kept),
    );
  }
  return out;
}

/**
 * One report line as text: "quantified opportunity: £1.10m → £1.85m", or for a kept hand edit
 * "kept (edited by hand): FY29/30 cumulative benefit stays £0.00m (computed £1.10m)".
 *
 * @example
 * describeLine({ proposal: "X", label: "full run rate", cell: "X!B10", before: "£3.29m", after: "£3.50m" })
 * // "full run rate: £3.29m → £3.50m"
 */
export function describeLine(l: ChangeReportLine): string {
  if (l.failed) return `not refreshed (last figures kept): ${l.after}`;
  if (l.warning) return `check: ${l.after}`;
  const what = l.label ?? l.cell;
  return l.kept
    ? `kept (edited by hand): ${what} stays ${l.before} (computed ${l.after})`
    : `${what}: ${l.before} → ${l.after}`;
}

/**
 * What a refresh says about cells the engine did not compute that owned formulas count (cachedResults.ts):
 * a row typed inside the Programme's ranges, or a kept hand edit, with the first figure that counts it.
 *
 * @example
 * countedCellMessages([typedRow11], config)[0].message
 * // "Programme row 11 (Kinship care uplift) is inside Children and Family Services ER savings FY27/28 and
 * //   counted in it (-£1.73m; -£1.83m without it), and 1 more figure that adds it up; it is not a registered
 * //   proposal"
 */
export function countedCellMessages(
  counted: readonly CountedCell[],
  config?: ProgrammeConfig,
): { readonly owner: string; readonly message: string }[] {
  // A typed row is one message, whichever of its cells are counted.
  const groups = new Map<string, CountedCell[]>();
  for (const c of counted) {
    const id =
      c.kind === "typed" ? `${c.sheet}!row ${/\d+$/.exec(c.address)?.[0]}` : `${c.sheet}!${c.address}`;
    groups.set(id, [...(groups.get(id) ?? []), c]);
  }
  return [...groups.values()].map((cs) => ({ owner: cs[0].owner, message: countedMessage(cs, config) }));
}

function countedMessage(cs: readonly CountedCell[], config?: ProgrammeConfig): string {
  const first = cs[0];
  const seen = new Set<string>();
  // The figure that reads the cell itself first (a subtotal), then those that add that one up (the total).
  const affected = cs
    .flatMap((c) => c.affected)
    .filter((a) => !seen.has(a.address) && seen.add(a.address))
    .sort((a, b) => Number(b.direct) - Number(a.direct));
  const head = affected[0];
  // In the sheet's words and format where its layout gives them (a tornado's base is £, its key says nothing).
  const [shown, computed] = [head.shown, head.computed].map((v) =>
    reportValue(head.key, v, head.numberFormat),
  );
  const label = labelOf(head.key, head.caption, config);
  const more = affected.length - 1;
  const verb = first.kind === "kept" ? ["reads it", "read it"] : ["adds it up", "add it up"];
  const tail =
    more > 0
      ? `, and ${more === 1 ? `1 more figure that ${verb[0]}` : `${more} more figures that ${verb[1]}`}`
      : "";
  if (first.kind === "kept")
    return `${first.sheet}!${first.address} (${changeLabel(first.key ?? "", config)}) is a hand edit refresh kept: ${label} counts it and shows ${shown}, not the computed ${computed}${tail}; clear the cell to let refresh fill it again`;
  const row = /\d+$/.exec(first.address)?.[0] ?? "";
  const where = `${first.sheet} row ${row}${first.rowLabel ? ` (${first.rowLabel})` : ""}`;
  // A typed row under a registered proposal's name counts that proposal twice: say which sheet holds it.
  const label0 = first.rowLabel ?? "";
  const repeats = label0.trim()
    ? config?.directorates
        .flatMap((d) => d.rows)
        .find((r) => r.proposalSheet && proposalNameKey(r.opportunity) === proposalNameKey(label0))
    : undefined;
  const notProposal =
    first.sheet !== PROGRAMME_SHEET
      ? ""
      : repeats
        ? `; it repeats the proposal on sheet "${repeats.proposalSheet}", which the totals then count twice; delete the typed row`
        : "; it is not a registered proposal";
  return `${where} is inside ${label} and counted in it (${shown}; ${computed} without it)${tail}${notProposal}`;
}
