/**
 * Builds docs/functions.md from the JSDoc of src/functions/functions.ts (the same text Excel shows in
 * autocomplete) and the computed results of each @example formula, so the help page cannot drift from the
 * code: a test regenerates it and compares it with the committed file.
 */

/** One parameter as documented. */
export interface ParamDoc {
  readonly name: string;
  readonly description: string;
  readonly optional: boolean;
}

/** One example: the formula and the result its JSDoc states ("(table)" when the result spills rows). */
export interface ExampleDoc {
  readonly formula: string;
  readonly stated: string;
}

/** A custom function's documentation, as written in its JSDoc. */
export interface FunctionDoc {
  readonly id: string;
  readonly description: string;
  readonly params: readonly ParamDoc[];
  readonly returns: string;
  readonly examples: readonly ExampleDoc[];
}

/** A computed example result: rows of cells (a scalar is one row of one cell); errors as "#VALUE! (why)". */
export type ExampleResult = readonly (readonly (string | number | boolean)[])[];

/**
 * The documented functions of a source file, in source order.
 *
 * @example
 * readFunctionDocs("/**\n * Label.\n * @customfunction FYLABEL\n * @param date A date.\n * @returns Text.\n *\/")
 * // [{ id: "FYLABEL", description: "Label.", params: [{ name: "date", … }], returns: "Text.", examples: [] }]
 */
export function readFunctionDocs(source: string): FunctionDoc[] {
  const blocks = source.match(/\/\*\*[\s\S]*?\*\//g) ?? [];
  return blocks
    .map((block) =>
      block
        .replace(/^\/\*\*|\*\/$/g, "")
        .split("\n")
        .map((line) => line.replace(/^\s*\* ?/, "").trimEnd()),
    )
    .filter((lines) => lines.some((l) => l.startsWith("@customfunction")))
    .map((lines) => {
      const tagStart = lines.findIndex((l) => l.startsWith("@"));
      const description = lines.slice(0, tagStart).join(" ").trim();
      const tag = (name: string): string[] =>
        lines.filter((l) => l.startsWith(`@${name} `)).map((l) => l.slice(name.length + 2).trim());
      const params = tag("param").map((p) => {
        const m = /^(\[?)(\w+)\]?\s+(.*)$/.exec(p);
        return { name: m?.[2] ?? p, description: m?.[3] ?? "", optional: m?.[1] === "[" };
      });
      const examples = tag("example").map((e) => {
        const [formula, stated] = e.split(" → ");
        return { formula: formula.trim(), stated: (stated ?? "").trim() };
      });
      return {
        id: tag("customfunction")[0],
        description,
        params,
        returns: tag("returns")[0] ?? "",
        examples,
      };
    });
}

/** A number as the help page prints it: up to 4 decimal places, trailing zeros dropped. */
function num(n: number): string {
  return String(Number(n.toFixed(4)));
}

function cell(v: string | number | boolean): string {
  if (typeof v === "number") return num(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return /^#[A-Z/]+[!?]?/.test(v) ? v : JSON.stringify(v);
}

/**
 * A result on one line, as examples state it: `1081.6`, `"FY26/27"`, `68 | 600`; rows joined by " ; ".
 *
 * @example
 * resultLine([[68, 600]]) // "68 | 600"
 */
export function resultLine(result: ExampleResult): string {
  return result.map((row) => row.map(cell).join(" | ")).join(" ; ");
}

function table(result: ExampleResult): string {
  const text = (v: string | number | boolean): string => (typeof v === "string" ? v : cell(v));
  const [head, ...rows] = result;
  return [
    `| ${head.map(text).join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(text).join(" | ")} |`),
  ].join("\n");
}

/**
 * The markdown help page: an introduction, then per function its syntax, parameters, result and examples
 * with computed results (a table when the result spills several rows).
 *
 * @example
 * renderHelpPage("# Functions", docs, (formula) => [[1081.6]])
 */
export function renderHelpPage(
  intro: string,
  docs: readonly FunctionDoc[],
  evaluate: (formula: string) => ExampleResult,
): string {
  const sections = docs.map((d) => {
    const args = d.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
    const params = d.params.map(
      (p) =>
        `| \`${p.name}\` | ${p.optional ? "optional" : "required"} | ${p.description.replace(/\|/g, "\\|")} |`,
    );
    const examples = d.examples.map((e) => {
      const result = evaluate(e.formula);
      const shown = result.length > 1 ? `\n\n${table(result)}` : ` → \`${resultLine(result)}\``;
      return `- \`${e.formula}\`${shown}`;
    });
    return [
      `## MTFS.${d.id}`,
      "",
      d.description,
      "",
      "```",
      `=MTFS.${d.id}(${args})`,
      "```",
      "",
      "| Argument | | Meaning |",
      "|---|---|---|",
      ...params,
      "",
      `**Returns:** ${d.returns}`,
      "",
      "**Examples** (results computed from the code when this page was generated):",
      "",
      ...examples,
      "",
    ].join("\n");
  });
  const index = [
    "## The functions",
    "",
    "| Function | What it does |",
    "|---|---|",
    ...docs.map(
      (d) => `| [MTFS.${d.id}](#mtfs${d.id.toLowerCase().replace(/\./g, "")}) | ${d.description} |`,
    ),
    "",
  ].join("\n");
  return `${intro.trim()}\n\n${index}\n${sections.join("\n")}`;
}

/**
 * The README's short formula reference: each function with its first example and result (a spilled table is
 * summarised by its size), linking to the full page.
 *
 * @example
 * renderReadmeSection(docs, evaluate)
 * // "| Function | Example | Result |\n|---|---|---|\n| `MTFS.FYLABEL` | `=MTFS.FYLABEL(DATE(2026,8,1))` | `\"FY26/27\"` |…"
 */
export function renderReadmeSection(
  docs: readonly FunctionDoc[],
  evaluate: (formula: string) => ExampleResult,
): string {
  const rows = docs.map((d) => {
    const e = d.examples[0];
    const result = evaluate(e.formula);
    const shown =
      result.length > 1
        ? `spills ${result.length} rows × ${result[0].length} columns`
        : `\`${resultLine(result).replace(/\|/g, "\\|")}\``; // a bare | would end the table cell
    return `| [\`MTFS.${d.id}\`](docs/functions.md#mtfs${d.id.toLowerCase().replace(/\./g, "")}) | \`${e.formula}\` | ${shown} |`;
  });
  return [
    "Every function, with an example and its result (computed; full help with every argument in",
    "[docs/functions.md](docs/functions.md)):",
    "",
    "| Function | Example | Result |",
    "|---|---|---|",
    ...rows,
  ].join("\n");
}
