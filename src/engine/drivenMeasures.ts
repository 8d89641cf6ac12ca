import type { OperationalMeasure } from "./stream";

/**
 * The operational measures a stream's inputs drive: those not zero in every FY, in the stream's order. A
 * measure they do not drive (a lease surplus has no units charged) would read 0.0 beside a real saving, so
 * the CLI's lines table and the proposal sheet leave it out; the JSON keeps every measure.
 *
 * @example
 * drivenMeasures(incomeLine).map((m) => m.key) // ["extraIncome"]: the lease's unitsCharged is 0 every year
 */
export function drivenMeasures(line: {
  readonly years: readonly { readonly measures: readonly OperationalMeasure[] }[];
}): readonly OperationalMeasure[] {
  const first = line.years[0]?.measures ?? [];
  return first.filter((m) =>
    line.years.some((y) => !(y.measures.find((x) => x.key === m.key)?.value.isZero() ?? true)),
  );
}
