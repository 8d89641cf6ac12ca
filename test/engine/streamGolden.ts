import type { Decimal } from "../../src/engine/money";
import type { StreamProfile } from "../../src/engine/stream";
import { fyLabel } from "../../src/engine/fiscalYear";

/**
 * Shared checks for the stream-kind golden tests: each published figure (£m) with its source, tolerance and
 * reason. A row with `recordedGapM` is a discrepancy written up in docs/discrepancies.md: the test pins the
 * best stated-input reading's gap (modelled − published, ±£0.005m), so a model change that moved it shows up.
 * `GOLDEN_PRINT=1 npx jest test/engine/<kind>Stream.golden.test.ts` prints every row's figures and gap.
 */
export interface GoldenRow {
  readonly fy: number;
  readonly published: number;
  /** The model's figure in £m (stream gross, less any stated cost subtracted by hand). */
  readonly modelled: number;
  readonly toleranceM: number;
  readonly source: string;
  readonly recordedGapM?: number;
}

/** £m of a Decimal £. */
export function m(x: Decimal): number {
  return x.div(1e6).toNumber();
}

/** Sum of the streams' gross in one FY, £ (Decimal), at that FY's prices or at the price base. */
export function grossIn(
  streams: readonly StreamProfile[],
  fy: number,
  field: "gross" | "grossAtPriceBase" = "gross",
): Decimal {
  const parts = streams.map((s) => {
    const y = s.years.find((r) => r.fy === fy);
    if (!y) throw new Error(`${s.id}: no ${fyLabel(fy)}`);
    return y[field];
  });
  return parts.reduce((a, b) => a.plus(b));
}

/** Registers one test per row. */
export function expectGoldens(rows: readonly GoldenRow[]): void {
  if (process.env.GOLDEN_PRINT) {
    console.log(
      rows
        .map(
          (r) =>
            `${fyLabel(r.fy)} pub ${r.published} mod ${r.modelled.toFixed(4)} gap ${(r.modelled - r.published).toFixed(4)}`,
        )
        .join("\n"),
    );
  }
  it.each(rows.map((r) => [`${fyLabel(r.fy)} ${r.published} (${r.source})`, r] as const))("%s", (_, r) => {
    const gap = r.modelled - r.published;
    if (r.recordedGapM === undefined) {
      expect(Math.abs(gap)).toBeLessThanOrEqual(r.toleranceM);
    } else {
      expect(Math.abs(gap - r.recordedGapM)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(gap)).toBeGreaterThan(r.toleranceM);
    }
  });
}
