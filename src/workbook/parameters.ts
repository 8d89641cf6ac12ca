import {
  DEFAULT_OPTIMISM_BIAS,
  Decimal,
  GREEN_BOOK_STANDARD,
  isEngineError,
  optimismBiasTable,
  wholePercentRefusal,
  type ConfidenceGrade,
  type ConfidenceLevel,
  type DiscountSchedule,
  type OptimismBiasTable,
} from "../engine";
import {
  DEFAULT_DEFLATOR_PER_YEAR,
  DEFLATOR_NAME,
  DISCOUNT_RATES_NAME,
  OPTIMISM_BIAS_KEYS_NAME,
  OPTIMISM_BIAS_NAME,
  PARAMETERS_SHEET,
  parametersSheetLayout,
} from "./layouts/parametersSheet";
import { toWrite } from "./ownedCells";
import type { CellScalar, DefinedName, WorkbookPort } from "./port";

/**
 * The Parameters sheet in a workbook: written once when absent, then read on every refresh (the user's
 * optimism-bias table), through its defined names so it may be moved about on the sheet.
 */

/**
 * Adds the Parameters sheet with its defaults when the workbook has none (a sheet of that name the user made
 * is left alone). Returns true when it was added.
 *
 * @example
 * await ensureParametersSheet(port) // true on a new workbook
 */
export async function ensureParametersSheet(port: WorkbookPort): Promise<boolean> {
  const sheets = await port.listSheets();
  if (sheets.some((s) => s.name.toLowerCase() === PARAMETERS_SHEET.toLowerCase())) return false;
  const layout = parametersSheetLayout();
  // Every cell is the user's and is found through the names: no anchors, nothing in the register.
  await port.addSheet(PARAMETERS_SHEET);
  await port.writeCells(PARAMETERS_SHEET, layout.cells.map(toWrite));
  if (layout.columnWidths) await port.setColumnWidths(PARAMETERS_SHEET, layout.columnWidths);
  // Names left by a deleted Parameters sheet (pointing at #REF!) would clash.
  await port.deleteNames(layout.names.map((n) => n.name));
  await port.defineNames(layout.names);
  return true;
}

/** How the Green Book view prices and discounts: the Parameters sheet's discount schedule and deflator. */
export interface GreenBookParameters {
  /** The Green Book bands (from years 0, 31, 76, ...) at the rates the sheet holds. */
  readonly schedule: DiscountSchedule;
  /** The deflator a year (a fraction): the index is 100 × (1 + it)^t in year t. */
  readonly deflatorPerYear: Decimal;
}

/** The defaults: the Green Book standard STPR and a 2% deflator a year (an assumption to edit). */
export const DEFAULT_GREEN_BOOK_PARAMETERS: GreenBookParameters = {
  schedule: GREEN_BOOK_STANDARD,
  deflatorPerYear: new Decimal(DEFAULT_DEFLATOR_PER_YEAR),
};

/** The user's optimism-bias table and Green Book parameters, and the cells that could not be used. */
export interface ReadParameters {
  readonly table: OptimismBiasTable;
  readonly greenBook: GreenBookParameters;
  readonly problems: readonly string[];
}

/** What a Parameters cell may hold: a share of benefits (0% to 100%) or a rate a year (above −100%, ≤ 100%). */
type ParameterRule = "share" | "year rate";

const RULE_WORDS: Readonly<Record<ParameterRule, string>> = {
  share: "a share from 0% to 100%",
  "year rate": "a rate above -100% and at most 100% a year",
};

const percentText = (d: Decimal): string => `${d.times(100).toString()}%`;

/**
 * A Parameters cell as a fraction, or why it cannot be used: the message names the cell, the rule and what
 * to type. A bare number over 1 gets the proposal sheets' refusal (15 reads as 1500%; type 15% or 0.15), as
 * the sheets' formulas would read it as that. One check for every reader, so the engine and the formulas
 * never disagree about a value.
 */
function parameterValue(
  raw: CellScalar,
  where: string,
  rule: ParameterRule,
  fallback: Decimal,
): { value: Decimal } | { problem: string } {
  const advice = `type ${RULE_WORDS[rule]}, e.g. ${percentText(fallback)} (the default)`;
  if (raw === null || (typeof raw === "string" && raw.trim() === ""))
    return { problem: `${where}: is blank, which the formulas read as 0%; ${advice}` };
  const percent = typeof raw === "string" && /^\s*-?\d+(\.\d+)?\s*%\s*$/.test(raw);
  const x =
    typeof raw === "number" && Number.isFinite(raw)
      ? new Decimal(raw)
      : percent
        ? new Decimal(raw.replace("%", "").trim()).div(100)
        : undefined;
  if (x === undefined)
    return { problem: `${where}: must be a number, got ${JSON.stringify(raw)}; ${advice}` };
  if (x.gt(1)) {
    const limit = rule === "share" ? "<= 100%" : "<= 100% a year";
    return {
      problem: percent
        ? `${where}: must be ${limit}, got ${percentText(x)}; ${advice}`
        : `${where}: ${wholePercentRefusal(x, limit)}`,
    };
  }
  const low = rule === "share" ? x.isNeg() && !x.isZero() : x.lte(-1);
  if (low) return { problem: `${where}: must be ${RULE_WORDS[rule]}, got ${percentText(x)}; ${advice}` };
  return { value: x };
}

/**
 * Reads the optimism-bias table from the Parameters sheet's named ranges; the default table when the
 * workbook has none. A value that cannot be used is reported in `problems` (its default stands in the
 * result only so callers have a table): the sheets' formulas read the cell as it is, so callers refuse to
 * compute while there are problems (see `parametersRefusal`).
 *
 * @example
 * (await readOptimismBiasTable(port)).table.byLevel.Low.toNumber() // 0.4 unless edited
 */
export async function readOptimismBiasTable(port: WorkbookPort): Promise<ReadParameters> {
  const names = new Map((await port.listNames()).map((n) => [n.name.toLowerCase(), n]));
  const keys = names.get(OPTIMISM_BIAS_KEYS_NAME.toLowerCase());
  const shares = names.get(OPTIMISM_BIAS_NAME.toLowerCase());
  const problems: string[] = [];
  const greenBook = await readGreenBook(port, names, problems);
  if (!keys || !shares || !keys.sheet || !shares.sheet)
    return { table: DEFAULT_OPTIMISM_BIAS, greenBook, problems };
  const keyCells = cellsOf(keys.address);
  const shareCells = cellsOf(shares.address);
  const keyValues = await port.readCells(keys.sheet, keyCells);
  const shareValues = await port.readCells(shares.sheet, shareCells);
  const levels: Partial<Record<ConfidenceLevel, number>> = {};
  const grades: Partial<Record<ConfidenceGrade, number>> = {};
  keyValues.forEach((k, i) => {
    const key = String(k.value ?? "").trim();
    const level = ["High", "Medium", "Low"].find((l) => l.toLowerCase() === key.toLowerCase()) as
      ConfidenceLevel | undefined;
    const grade = /^[1-6]$/.test(key) ? (Number(key) as ConfidenceGrade) : undefined;
    if (!level && !grade) return;
    const raw = shareValues[i]?.value ?? null;
    const where = `${shares.sheet}!${shareCells[i]} (optimism bias, ${key})`;
    const fallback = level
      ? DEFAULT_OPTIMISM_BIAS.byLevel[level]
      : DEFAULT_OPTIMISM_BIAS.byGrade[Number(key) - 1];
    const read = parameterValue(raw, where, "share", fallback);
    if ("problem" in read) {
      problems.push(read.problem);
      return;
    }
    const share = read.value.toNumber();
    if (level) levels[level] = share;
    else if (grade) grades[grade] = share;
  });
  try {
    return { table: optimismBiasTable(levels, grades), greenBook, problems };
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return { table: DEFAULT_OPTIMISM_BIAS, greenBook, problems: [...problems, e.message] };
  }
}

/**
 * Why nothing can be computed from a Parameters sheet with unusable cells, one message per cell (undefined
 * when there are none). The formulas read those cells as they are, so any figure written would disagree with
 * them: refresh and the add-in's writes refuse instead of using a default.
 *
 * @example
 * parametersRefusal(["Parameters!B5 (optimism bias, High): ..."]) // ["Parameters!B5 (optimism bias, High): ...; nothing was refreshed"]
 */
export function parametersRefusal(
  problems: readonly string[],
  what = "nothing was refreshed",
): string[] | undefined {
  return problems.length ? problems.map((p) => `${p}; ${what}`) : undefined;
}

const PARAMETER_WORDS: Readonly<Record<string, string>> = {
  [OPTIMISM_BIAS_KEYS_NAME]: "optimism-bias levels",
  [OPTIMISM_BIAS_NAME]: "optimism-bias shares",
  [DISCOUNT_RATES_NAME]: "discount rates",
  [DEFLATOR_NAME]: "deflator a year",
};

/**
 * The Parameters names whose cells were deleted, in words: a name that `formulas` use but that is gone or
 * points nowhere (`#REF!`; ExcelJS drops such a name), or discount rates or a deflator with fewer cells than
 * laid out (an INDEX past the end is `#REF!`), or an optimism-bias table with fewer rows (its lookup would
 * not adjust a level the engine still adjusts). Those formulas cannot show the engine's figures.
 *
 * @example
 * deletedParameters(await port.listNames(), ownedFormulas) // ["deflator a year (MTFS_DeflatorPerYear)"] after its row was deleted
 */
export function deletedParameters(names: readonly DefinedName[], formulas: readonly string[]): string[] {
  const now = new Map(names.map((n) => [n.name.toLowerCase(), n]));
  // A deleted row of the optimism-bias table would leave the sheet's lookup unadjusted and the engine on its
  // default for that level: the sheets and the engine would disagree, so it is refused like the rates.
  const sized = new Set([DISCOUNT_RATES_NAME, DEFLATOR_NAME, OPTIMISM_BIAS_KEYS_NAME, OPTIMISM_BIAS_NAME]);
  return parametersSheetLayout().names.flatMap((want) => {
    const used = new RegExp(`(?<![A-Za-z0-9_.])${want.name}(?![A-Za-z0-9_.(])`, "i");
    if (!formulas.some((f) => used.test(f))) return [];
    const n = now.get(want.name.toLowerCase());
    const cells = n?.sheet ? cellsOf(n.address).length : 0;
    const short = sized.has(want.name) && cells < cellsOf(want.address).length;
    return cells === 0 || short ? [`${PARAMETER_WORDS[want.name]} (${want.name})`] : [];
  });
}

/** The cells of a one-column range ("$B$16:$B$21"), top to bottom. */
function cellsOf(address: string): string[] {
  const [from, to = from] = address.replace(/\$/g, "").split(":");
  const a = /^([A-Z]+)(\d+)$/.exec(from);
  const b = /^([A-Z]+)(\d+)$/.exec(to);
  if (!a || !b || a[1] !== b[1]) return [];
  return Array.from({ length: Number(b[2]) - Number(a[2]) + 1 }, (_, i) => `${a[1]}${Number(a[2]) + i}`);
}

/**
 * The discount rates and the deflator from their names (the defaults in a workbook without them). A rate that
 * is not a number above −100% keeps its default and is reported, as the sheets' formulas would misread it.
 */
async function readGreenBook(
  port: WorkbookPort,
  names: ReadonlyMap<string, { readonly sheet?: string; readonly address: string }>,
  problems: string[],
): Promise<GreenBookParameters> {
  const read = async (name: string): Promise<{ sheet: string; cells: string[]; values: CellScalar[] }> => {
    const n = names.get(name.toLowerCase());
    if (!n?.sheet) return { sheet: "", cells: [], values: [] };
    const cells = cellsOf(n.address);
    const values = (await port.readCells(n.sheet, cells)).map((c) => c.value);
    return { sheet: n.sheet, cells, values };
  };
  const rate = (v: CellScalar, where: string, fallback: Decimal): Decimal => {
    const r = parameterValue(v, where, "year rate", fallback);
    if ("value" in r) return r.value;
    problems.push(r.problem);
    return fallback;
  };
  const rates = await read(DISCOUNT_RATES_NAME);
  const schedule = GREEN_BOOK_STANDARD.map((band, i) =>
    i < rates.values.length
      ? {
          fromYear: band.fromYear,
          rate: rate(
            rates.values[i],
            `${rates.sheet}!${rates.cells[i]} (discount rate from year ${band.fromYear})`,
            band.rate,
          ),
        }
      : band,
  );
  const deflator = await read(DEFLATOR_NAME);
  const deflatorPerYear =
    deflator.values.length > 0
      ? rate(
          deflator.values[0],
          `${deflator.sheet}!${deflator.cells[0]} (deflator a year)`,
          DEFAULT_GREEN_BOOK_PARAMETERS.deflatorPerYear,
        )
      : DEFAULT_GREEN_BOOK_PARAMETERS.deflatorPerYear;
  return { schedule, deflatorPerYear };
}
