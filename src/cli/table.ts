/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.
 *
 * @example
 * textTable(["FY", "Cumulative"], [["FY 26/27", "-£0.50m"]], ["left", "right"])
 * // "FY        Cumulative\nFY 26/27     -£0.50m"
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ("left" | "right")[] = [],
): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => [...(r[c] ?? "")].length)));
  const line = (r: readonly string[]): string =>
    r
      .map((cell, c) => {
        const pad = " ".repeat(widths[c] - [...cell].length);
        return align[c] === "right" ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  return all.map(line).join("\n");
}
