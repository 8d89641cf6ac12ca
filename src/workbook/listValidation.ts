import type { ListValidation } from "./port";

/**
 * What both adapters put in a dropdown: Excel's list source (comma-separated, at most 255 characters) and
 * the message shown when something else is typed.
 */

/**
 * Excel's inline list source for the choices.
 *
 * @example
 * listSource({ address: "B50", choices: ["entry", "exit"] }) // "entry,exit"
 */
export function listSource(v: ListValidation): string {
  return v.choices.join(",");
}

/**
 * The message of a refused entry, naming the field and its choices.
 *
 * @example
 * listErrorMessage({ address: "B50", choices: ["entry", "exit"], label: "Lever" }) // "Lever: choose one of entry, exit"
 */
export function listErrorMessage(v: ListValidation): string {
  return `${v.label ?? "This cell"}: choose one of ${v.choices.join(", ")}`;
}
