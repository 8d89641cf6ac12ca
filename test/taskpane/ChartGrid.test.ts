import * as fc from "fast-check";
import { tickText, ticksFor } from "../../src/taskpane/components/ChartGrid";

describe("chart ticks", () => {
  it("labels a small proposal's £m axis with the decimals its step needs (not '0.0' three times)", () => {
    const { ticks, step } = ticksFor([-0.054, 0.03]);
    expect(ticks.map((t) => tickText(t, step))).toEqual(["-0.10", "-0.05", "0.00", "0.05"]);
    expect(tickText(1.5, 0.5)).toBe("1.5");
    expect(tickText(2, 1)).toBe("2");
  });

  it("property: every tick of an axis reads differently", () => {
    fc.assert(
      fc.property(
        // £m to 4 dp, as the charts are given them (toMillions(…, 4)).
        fc.array(fc.integer({ min: -500_000, max: 500_000 }), { minLength: 1, maxLength: 6 }),
        (tenThousandths) => {
          const { ticks, step } = ticksFor(tenThousandths.map((x) => x / 10_000));
          const labels = ticks.map((t) => tickText(t, step));
          expect(new Set(labels).size).toBe(labels.length);
        },
      ),
    );
  });
});
