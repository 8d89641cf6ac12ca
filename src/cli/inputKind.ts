import { CliError } from "./errors";

/**
 * What kind of input a JSON file is, told from its shape (or its `$schema`), so a command given the wrong kind
 * of file names the kind and the command that reads it rather than the first field it does not know.
 */

/** The input kinds the CLI reads. */
export type InputKind = "proposal" | "triangulation" | "edge-of-care" | "demand" | "programme";

/** Each kind as a message names it, and the command that reads it. */
const KINDS: Readonly<Record<InputKind, { readonly name: string; readonly command: string }>> = {
  proposal: { name: "a proposal", command: "calc profile" },
  triangulation: { name: "a triangulation table", command: "calc triangulation" },
  "edge-of-care": { name: "an edge-of-care summary", command: "calc edge-of-care" },
  demand: { name: "a demand model", command: "calc demand" },
  programme: { name: "a programme file (Programme rows, resource cost, themes)", command: "calc programme" },
};

function has(o: Readonly<Record<string, unknown>>, ...keys: string[]): boolean {
  return keys.every((k) => o[k] !== undefined);
}

/**
 * The kind of a parsed input file, or undefined when its shape says none (left to the parser to report).
 *
 * @example
 * inputKind(readJsonFile("examples/edge-of-care-mst.json")) // "edge-of-care"
 * inputKind({ opportunity: { name: "X" }, assumptions: {} }) // "proposal"
 */
export function inputKind(raw: unknown): InputKind | undefined {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const o = raw as Readonly<Record<string, unknown>>;
  if (Array.isArray(o.directorates) && Array.isArray(o.fyLabels)) return "programme";
  if (has(o, "opportunity") || has(o, "assumptions")) return "proposal";
  if (has(o, "kind", "rows")) return "triangulation";
  if (has(o, "programme", "periods") || has(o, "rollup", "programmes")) return "edge-of-care";
  if (has(o, "stock", "entries") || has(o, "baseYear", "levers")) return "demand";
  const schema = typeof o.$schema === "string" ? o.$schema : "";
  const named = /(proposal|triangulation|edge-of-care|demand)\.schema\.json$/.exec(schema);
  return named ? (named[1] as InputKind) : undefined;
}

/**
 * Refuses a file of another kind than `accepted`, naming its kind and the
 * command that reads it; a file whose kind is not told is left to the parser.
 *
 * @example
 * refuseOtherKind(readJsonFile("examples/reablement.json"), "reablement.json", ["triangulation"])
 * // throws "reablement.json: is a proposal, not a triangulation table; use `calc profile`"
 */
export function refuseOtherKind(raw: unknown, file: string, accepted: readonly InputKind[]): void {
  const expected = accepted.map((k) => KINDS[k].name).join(" or ");
  const kind = inputKind(raw);
  if (kind === undefined || accepted.includes(kind)) return;
  throw new CliError(`${file}: is ${KINDS[kind].name}, not ${expected}; use \`${KINDS[kind].command}\``);
}
