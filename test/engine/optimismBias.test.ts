import fc from "fast-check";
import {
  DEFAULT_OPTIMISM_BIAS,
  Decimal,
  confidenceValue,
  isEngineError,
  optimismBias,
  optimismBiasTable,
  riskAdjust,
  riskAdjustNet,
  type Confidence,
} from "../../src/engine";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (isEngineError(e)) return e.code;
    throw e;
  }
  return undefined;
}

const d = (xs: readonly number[]): Decimal[] => xs.map((x) => new Decimal(x));

describe("optimism bias", () => {
  it("takes the default share off savings by confidence level and grade", () => {
    expect(riskAdjust(d([1000, 2000]), "Low").map(String)).toEqual(["600", "1200"]);
    expect(riskAdjust(d([1000]), "High").map(String)).toEqual(["900"]);
    expect(riskAdjust(d([1000]), 1).map(String)).toEqual(["1000"]);
    expect(riskAdjust(d([1000]), 6).map(String)).toEqual(["600"]);
  });

  it("keeps net costs as they are (the bias is on benefits)", () => {
    expect(riskAdjust(d([-500, 0, 800]), "Medium").map(String)).toEqual(["-500", "0", "600"]);
    expect(riskAdjustNet(d([1000, 0]), d([300, 200]), "Medium").map(String)).toEqual(["450", "-200"]);
  });

  it("uses the user's own table, defaults for what it leaves out", () => {
    const table = optimismBiasTable({ Low: 0.5 }, { 3: "0.15" });
    expect(optimismBias("Low", table).toString()).toBe("0.5");
    expect(optimismBias("Medium", table).eq(DEFAULT_OPTIMISM_BIAS.byLevel.Medium)).toBe(true);
    expect(optimismBias(3, table).toString()).toBe("0.15");
    expect(codeOf(() => optimismBiasTable({ High: 1.2 }))).toBe("out-of-range");
  });

  it("reads a confidence as typed", () => {
    expect(confidenceValue(" low ", "confidence")).toBe("Low");
    expect(confidenceValue("4", "confidence")).toBe(4);
    expect(confidenceValue(2, "confidence")).toBe(2);
    expect(codeOf(() => confidenceValue("Very high", "confidence"))).toBe("unknown-option");
    expect(codeOf(() => confidenceValue(7, "confidence"))).toBe("unknown-option");
  });

  const confidence = fc.constantFrom<Confidence>("High", "Medium", "Low", 1, 2, 3, 4, 5, 6);
  const share = fc.integer({ min: 0, max: 100 }).map((p) => new Decimal(p).div(100));
  const table = fc
    .tuple(share, share, share)
    .map(([High, Medium, Low]) => optimismBiasTable({ High, Medium, Low }));
  const row = fc.array(
    fc.integer({ min: -5_000_000, max: 5_000_000 }).map((x) => new Decimal(x)),
    { maxLength: 12 },
  );

  it("never puts the risk-adjusted row above the raw one", () => {
    fc.assert(
      fc.property(row, confidence, table, (amounts, c, t) => {
        riskAdjust(amounts, c, t).forEach((x, i) => expect(x.lte(amounts[i])).toBe(true));
      }),
    );
  });

  it("never puts the risk-adjusted net row above benefits − costs", () => {
    const pos = fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(pos, pos, confidence, table, (b, c, conf, t) => {
        const raw = d(b).map((x, i) => x.minus(c[i]));
        riskAdjustNet(d(b), d(c), conf, t).forEach((x, i) => expect(x.lte(raw[i])).toBe(true));
      }),
    );
  });
});
