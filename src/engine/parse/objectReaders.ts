import { Decimal } from "../money";
import { EngineError } from "../errors";
import {
  asObject,
  decimalValue,
  describeValue,
  enumValue,
  fieldPath,
  fyValue,
  rateValue,
  type NumberRules,
  type RawObject,
} from "./read";

/**
 * Key-by-key object readers, kept for the demand model's input (`demandInput.ts`) until that format moves
 * onto the one definition in `../format/` as the proposal, triangulation and edge-of-care formats have.
 */

/** Options of a reader: absent values are an error unless `optional` or a `default` is given. */
export interface ReadOptions<T> {
  readonly optional?: boolean;
  readonly default?: T;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * The shared body of the readers: an absent value gives the default (through `fromDefault`), undefined
 * when optional, or a `missing` error; a present value goes through `convert` with its field path.
 */
function readPresent<T, D>(
  obj: RawObject,
  key: string,
  path: string,
  options: ReadOptions<D>,
  convert: (value: unknown, field: string) => T,
  fromDefault: (d: D) => T,
): T | undefined {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (isAbsent(value)) {
    if (options.default !== undefined) return fromDefault(options.default);
    if (options.optional) return undefined;
    throw new EngineError("missing", field, "is required");
  }
  return convert(value, field);
}

/**
 * Reads a required plain object (not an array).
 *
 * @example
 * readObject({ a: { b: 1 } }, "a", "") // { b: 1 }
 */
export function readObject(obj: RawObject, key: string, path: string): RawObject;
export function readObject(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional: true },
): RawObject | undefined;
export function readObject(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional?: boolean } = {},
): RawObject | undefined {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (value === undefined || value === null) {
    if (options.optional) return undefined;
    throw new EngineError("missing", field, "is required");
  }
  return asObject(value, field);
}

/**
 * Reads a list. Absent → error, or [] when optional.
 *
 * @example
 * readArray({ rows: [1, 2] }, "rows", "triangulation") // [1, 2]
 */
export function readArray(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional?: boolean } = {},
): readonly unknown[] {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (value === undefined || value === null) {
    if (options.optional) return [];
    throw new EngineError("missing", field, "is required");
  }
  if (!Array.isArray(value))
    throw new EngineError("invalid-type", field, `must be a list, got ${describeValue(value)}`);
  return value;
}

/**
 * The longest text read as a number. Checked before any scanning, so a 32,767-character cell costs nothing;
 * no number anyone types (commas, £, an exponent included) comes near it.
 */
export const MAX_NUMBER_TEXT = 100;

/**
 * Reads a Decimal. Accepts numbers, numeric strings ("1,487", "£1487") and Decimals.
 *
 * @example
 * readDecimal({ weeklyCost: "1,487" }, "weeklyCost", "unitCost").toNumber() // 1487
 * readDecimal({}, "growthPerYear", "baseline", { default: ZERO }) // Decimal 0
 */
export function readDecimal(obj: RawObject, key: string, path: string, options?: NumberRules): Decimal;
export function readDecimal(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & { readonly default: Decimal | number },
): Decimal;
export function readDecimal(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & { readonly optional: true },
): Decimal | undefined;
export function readDecimal(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & ReadOptions<Decimal | number> = {},
): Decimal | undefined {
  return readPresent(
    obj,
    key,
    path,
    options,
    (value, field) => decimalValue(value, field, options),
    (d) => new Decimal(d),
  );
}

/**
 * Reads a plain number (for counts and settings that are not money), with the same rules as readDecimal.
 *
 * @example
 * readNumber({ designMonths: 2 }, "designMonths", "timeline", { min: 0 }) // 2
 */
export function readNumber(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & ReadOptions<number> = {},
): number {
  const d =
    options.default !== undefined
      ? readDecimal(obj, key, path, { ...options, default: options.default })
      : readDecimal(obj, key, path, options as NumberRules);
  return d.toNumber();
}

/**
 * Reads a rate as a fraction; "8%" and 0.08 both give 0.08.
 *
 * @example
 * readRate({ inflationPerYear: "4%" }, "inflationPerYear", "unitCost").toNumber() // 0.04
 */
export function readRate(obj: RawObject, key: string, path: string, options?: NumberRules): Decimal;
export function readRate(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & { readonly default: Decimal | number },
): Decimal;
export function readRate(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & { readonly optional: true },
): Decimal | undefined;
export function readRate(
  obj: RawObject,
  key: string,
  path: string,
  options: NumberRules & ReadOptions<Decimal | number> = {},
): Decimal | undefined {
  return readPresent(
    obj,
    key,
    path,
    options,
    (value, field) => rateValue(value, field, options),
    (d) => new Decimal(d),
  );
}

function textValue(value: unknown, field: string): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") {
    throw new EngineError("invalid-type", field, `must be text, got ${describeValue(value)}`);
  }
  return value.trim();
}

/**
 * Reads a string (trimmed). Absent → error, or the default / undefined.
 *
 * @example
 * readString({ name: " CFS TP " }, "name", "opportunity") // "CFS TP"
 */
export function readString(obj: RawObject, key: string, path: string): string;
export function readString(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly default: string },
): string;
export function readString(
  obj: RawObject,
  key: string,
  path: string,
  options: { readonly optional: true },
): string | undefined;
export function readString(
  obj: RawObject,
  key: string,
  path: string,
  options: ReadOptions<string> = {},
): string | undefined {
  return readPresent(obj, key, path, options, textValue, (d) => d);
}

/**
 * Reads one of a fixed set of options (case-insensitive match, returned in canonical spelling).
 *
 * @example
 * readEnum({ ramp: "Linear" }, "ramp", "timeline", ["linear", "immediate"] as const) // "linear"
 */
export function readEnum<T extends string>(
  obj: RawObject,
  key: string,
  path: string,
  allowed: readonly T[],
  options: ReadOptions<T> = {},
): T {
  const field = fieldPath(path, key);
  const text =
    options.default !== undefined
      ? readString(obj, key, path, { default: options.default })
      : readString(obj, key, path);
  return enumValue(text, field, allowed);
}

/**
 * Reads a fiscal year label and returns its start year.
 *
 * @example
 * readFy({ priceBaseFy: "FY26/27" }, "priceBaseFy", "unitCost") // 2026
 */
export function readFy(obj: RawObject, key: string, path: string, options: ReadOptions<number> = {}): number {
  const value = obj[key];
  const field = fieldPath(path, key);
  if (isAbsent(value)) {
    if (options.default !== undefined) return options.default;
    throw new EngineError("missing", field, "is required");
  }
  return fyValue(value, field);
}
