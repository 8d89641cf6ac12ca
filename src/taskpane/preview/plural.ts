export { yearsText } from "../../engine/present";

/**
 * A count and its noun, singular for exactly one: "1 problem", "3 problems".
 *
 * @example
 * countText(1, "problem") // "1 problem"
 */
export function countText(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
