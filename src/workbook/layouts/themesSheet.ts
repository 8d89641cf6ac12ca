import { Decimal, sumColumns } from "../../engine";
import { cellAddress, sheetRef } from "../address";
import type { CellScalar } from "../port";
import { POUNDS_PER_MILLION, type ProgrammeConfig } from "./programmeConfig";
import { PROGRAMME_SHEET, fyColumn, themeColumn, type ProgrammePositions } from "./programmeSheet";
import { labelWriter, millionsFormulaWriter } from "./cellWriters";
import { fitRowHeights } from "./textFit";
import { MILLIONS_FORMAT, STYLES, alignedTop, type LayoutCell, type SheetLayout } from "./types";

/**
 * The Themes sheet, as the Efficiency Review's Table 2 (paragraph 33): per theme, the Efficiency Review
 * opportunities by the last MTFS year (SUMIF over the Programme rows tagged with the theme), the existing
 * MTFS benefits (typed), and the total programme benefits (their sum), with a total row.
 */

export const THEMES_SHEET = "Themes";
export const THEMES_LAYOUT_ID = "themesSheet";
const FIRST_ROW = 3;

export interface ThemesValues {
  /** Each programme row's theme and its amount in £ in the last MTFS year (config order). */
  readonly rows: readonly { readonly theme: string | null; readonly amount: number }[];
  /** Existing MTFS benefits per theme in £, as read from the sheet. */
  readonly existing: readonly number[];
}

/**
 * Declares every cell of the Themes sheet.
 *
 * @example
 * themesLayout(config, positions, values).cells.length
 */
export function themesLayout(
  config: ProgrammeConfig,
  programme: ProgrammePositions,
  values?: ThemesValues,
): SheetLayout {
  const cells: LayoutCell[] = [];
  const label = labelWriter(cells);
  const lastMtfs = config.fyLabels[config.mtfsYears - 1];
  const owned = millionsFormulaWriter(cells);
  label("A1", "Table 2 – Programme benefits by theme", STYLES.title);
  [
    "Theme",
    "Description",
    `Efficiency Review opportunities by ${lastMtfs}`,
    `Existing MTFS benefits by ${lastMtfs}`,
    `Total Programme Benefits (MTFS and ER) by ${lastMtfs}`,
  ].forEach((h, i) => label(cellAddress(i + 1, 2), h, { ...STYLES.heading, wrap: true }));

  const p = sheetRef(PROGRAMME_SHEET);
  const tcol = themeColumn(config);
  const vcol = fyColumn(config.mtfsYears - 1);
  const span = (c: string): string => `${p}!$${c}$${programme.firstDataRow}:$${c}$${programme.lastDataRow}`;
  const d = (x: number): Decimal => new Decimal(x);
  const er = config.themes.map((t) =>
    values
      ? (sumColumns(
          values.rows.filter((r) => r.theme === t.theme).map((r) => ({ amounts: [d(r.amount)] })),
        )[0] ?? d(0))
      : undefined,
  );
  const lastRow = FIRST_ROW + config.themes.length - 1;
  config.themes.forEach((t, i) => {
    const r = FIRST_ROW + i;
    cells.push({
      kind: "input",
      address: `A${r}`,
      path: `themes[${i}].theme`,
      value: t.theme,
      style: STYLES.label,
    });
    cells.push({
      kind: "input",
      address: `B${r}`,
      path: `themes[${i}].description`,
      value: t.description,
      style: STYLES.text,
    });
    owned(`C${r}`, `theme[${i}].er`, `SUMIF(${span(tcol)},A${r},${span(vcol)})`, er[i]?.toNumber() ?? null);
    cells.push({
      kind: "input",
      address: `D${r}`,
      path: `themes[${i}].existingMtfsMillions`,
      value: d(t.existingMtfsMillions).times(POUNDS_PER_MILLION).toNumber(),
      numberFormat: MILLIONS_FORMAT,
    });
    const total =
      values && er[i]
        ? sumColumns([{ amounts: [er[i] as Decimal] }, { amounts: [d(values.existing[i])] }])[0]
        : undefined;
    owned(`E${r}`, `theme[${i}].total`, `C${r}+D${r}`, total?.toNumber() ?? null);
  });
  const totalRow = lastRow + 1;
  label(`A${totalRow}`, "Total financial benefit", { bold: true });
  const col = (xs: readonly (Decimal | undefined)[]): CellScalar =>
    values && xs.every((x) => x !== undefined)
      ? (sumColumns(xs.map((x) => ({ amounts: [x as Decimal] })))[0]?.toNumber() ?? 0)
      : null;
  owned(
    `C${totalRow}`,
    "themes.er",
    config.themes.length ? `SUM(C${FIRST_ROW}:C${lastRow})` : "0",
    col(er),
    true,
  );
  owned(
    `D${totalRow}`,
    "themes.existing",
    config.themes.length ? `SUM(D${FIRST_ROW}:D${lastRow})` : "0",
    values ? col(values.existing.map(d)) : null,
    true,
  );
  owned(
    `E${totalRow}`,
    "themes.total",
    config.themes.length ? `SUM(E${FIRST_ROW}:E${lastRow})` : "0",
    values ? col(er.map((e, i) => (e ? e.plus(values.existing[i]) : undefined))) : null,
    true,
  );
  const columnWidths = [
    { column: "A", width: 36 },
    { column: "B", width: 70 },
    { column: "C", width: 16 },
    { column: "D", width: 16 },
    { column: "E", width: 18 },
  ];
  return {
    layoutId: THEMES_LAYOUT_ID,
    sheet: THEMES_SHEET,
    // A wrapped description's row is as tall as its text, so it does not run over the theme below.
    cells: alignedTop(cells),
    columnWidths,
    rowHeights: fitRowHeights(cells, [], new Map(columnWidths.map((w) => [w.column, w.width]))),
  };
}
