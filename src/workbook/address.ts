/**
 * A1 address arithmetic shared by the layouts and both adapters.
 */

/**
 * 1-based column number to letters.
 *
 * @example
 * columnLetter(1) // "A"
 * columnLetter(28) // "AB"
 */
export function columnLetter(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Letters to 1-based column number.
 *
 * @example
 * columnNumber("AB") // 28
 */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Builds an A1 address from a 1-based column and row.
 *
 * @example
 * cellAddress(2, 7) // "B7"
 */
export function cellAddress(column: number, row: number): string {
  return `${columnLetter(column)}${row}`;
}

/**
 * Splits an A1 address (dollars allowed) into 1-based column and row.
 *
 * @example
 * parseAddress("$B$7") // { column: 2, row: 7 }
 */
export function parseAddress(address: string): { readonly column: number; readonly row: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`not an A1 cell address: ${address}`);
  return { column: columnNumber(m[1]), row: Number(m[2]) };
}

/**
 * Absolute form of an A1 address, for defined names.
 *
 * @example
 * absolute("B7") // "$B$7"
 */
export function absolute(address: string): string {
  const { column, row } = parseAddress(address);
  return `$${columnLetter(column)}$${row}`;
}

/**
 * Quotes a sheet name for use in a formula or a defined name.
 *
 * @example
 * sheetRef("CFS Targeted Prevention") // "'CFS Targeted Prevention'"
 * sheetRef("Programme") // "Programme"
 * sheetRef("A1") // "'A1'"
 */
export function sheetRef(sheet: string): string {
  // Bare only when it cannot be read as anything else: a cell reference ("A1"), R1C1 ("R2C3") or a boolean.
  const plain =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) &&
    !/^[A-Za-z]{1,3}\d+$/.test(sheet) &&
    !/^R\d*C\d*$/i.test(sheet) &&
    !/^(TRUE|FALSE)$/i.test(sheet);
  return plain ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * Every cell address of a rectangular range, row by row.
 *
 * @example
 * expandRange("A1:B2") // ["A1", "B1", "A2", "B2"]
 */
export function expandRange(range: string): string[] {
  const [a, b = a] = range.split(":");
  const from = parseAddress(a);
  const to = parseAddress(b);
  const out: string[] = [];
  for (let r = from.row; r <= to.row; r++)
    for (let c = from.column; c <= to.column; c++) out.push(cellAddress(c, r));
  return out;
}

/**
 * Addresses as ranges of adjacent cells along each row, a lone cell as itself (fewer ranges for the host:
 * the Risk sheet's cleared cells, a snapshot's cells).
 *
 * @example
 * rowRuns(["A1", "B1", "C1", "A3"]) // ["A1:C1", "A3"]
 */
export function rowRuns(addresses: readonly string[]): string[] {
  const cells = addresses
    .map(parseAddress)
    .sort((a, b) => a.row - b.row || a.column - b.column)
    .filter((c, i, all) => i === 0 || c.row !== all[i - 1].row || c.column !== all[i - 1].column);
  const runs: string[] = [];
  let start = 0;
  for (let i = 1; i <= cells.length; i++) {
    const prev = cells[i - 1];
    const cur = cells[i];
    if (cur && cur.row === prev.row && cur.column === prev.column + 1) continue;
    const from = cellAddress(cells[start].column, cells[start].row);
    runs.push(start === i - 1 ? from : `${from}:${cellAddress(prev.column, prev.row)}`);
    start = i;
  }
  return runs;
}
