import * as ExcelJS from "exceljs";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  Decimal,
  GREEN_BOOK_HEALTH,
  GREEN_BOOK_STANDARD,
  benefitCostRatio,
  discountBandIndex,
  discountFactors,
  discountedPayback,
  flatDeflatorIndex,
  flatSchedule,
  npv,
  presentValue,
  realPrices,
} from "../../src/engine";
import { hasLibreOffice, recalcInLibreOffice } from "../workbook/libreoffice";
import { codeOf } from "./robustness";

const d = (xs: readonly number[]): Decimal[] => xs.map((x) => new Decimal(x));
const zeros = (n: number): Decimal[] => d(Array.from({ length: n }, () => 0));

describe("discount factors", () => {
  it("are 1 in year 0 and 1/(1+r)^t after, for a flat rate", () => {
    const f = discountFactors(4, flatSchedule(0.035));
    expect(f[0].toNumber()).toBe(1);
    expect(f[3].toNumber()).toBeCloseTo(1 / 1.035 ** 3, 12);
  });

  it("step down to 3.0% from year 31 on the Green Book standard schedule", () => {
    const f = discountFactors(33, GREEN_BOOK_STANDARD);
    expect(f[30].toNumber()).toBeCloseTo(1.035 ** -30, 12);
    expect(f[31].toNumber()).toBeCloseTo(1.035 ** -30 / 1.03, 12);
    expect(f[32].toNumber()).toBeCloseTo(1.035 ** -30 / 1.03 ** 2, 12);
  });

  it("follow the band discountBandIndex names, year by year (the sheets' INDEX into the rates)", () => {
    expect(
      [0, 30, 31, 75, 76, 125, 126, 200, 201, 300, 301, 1000].map((t) =>
        discountBandIndex(GREEN_BOOK_STANDARD, t),
      ),
    ).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    const f = discountFactors(320, GREEN_BOOK_HEALTH);
    for (let t = 1; t < f.length; t++) {
      const rate = GREEN_BOOK_HEALTH[discountBandIndex(GREEN_BOOK_HEALTH, t)].rate;
      expect(f[t - 1].div(f[t]).minus(rate.plus(1)).abs().toNumber()).toBeLessThan(1e-30);
    }
  });

  it("use 1.5% for years 0–30 on the health schedule", () => {
    expect(discountFactors(11, GREEN_BOOK_HEALTH)[10].toNumber()).toBeCloseTo(1.015 ** -10, 12);
  });
});

describe("NPV, BCR and discounted payback", () => {
  const r10 = flatSchedule(0.1);

  it("discount year 1 by one period and leave year 0 as it is", () => {
    expect(npv(d([0, 110]), d([50, 0]), r10).toString()).toBe("50");
    expect(benefitCostRatio(d([0, 110]), d([50, 0]), r10).toString()).toBe("2");
  });

  it("pay back inside the year where the discounted cumulative cashflow crosses zero", () => {
    // Discounted: costs 50, 0; benefits 0, 100 → cumulative 50, −50 → 1 + 50/100.
    const result = discountedPayback(d([0, 110]), d([50, 0]), r10);
    expect(result).toEqual({ kind: "paysBack", years: new Decimal(1.5), convention: "interpolated" });
    expect(discountedPayback(d([0, 110]), d([50, 0]), r10, "wholeYears")).toMatchObject({
      years: new Decimal(2),
    });
  });

  it("is later than the undiscounted payback when money arrives later", () => {
    const result = discountedPayback(d([0, 10, 10]), d([10, 0, 0]), flatSchedule(0.5));
    // Discounted benefits 0, 6.67, 4.44: cumulative 10, 3.33, −1.11 → 2 + 3.33/4.44 = 2.75.
    expect(result.kind === "paysBack" && result.years.toNumber()).toBeCloseTo(2.75, 12);
  });

  it("refuses rows of different lengths, and a ratio without costs", () => {
    expect(codeOf(() => npv(d([1, 2]), d([1]), r10))).toBe("out-of-range");
    expect(codeOf(() => benefitCostRatio(d([1, 2]), zeros(2), r10))).toBe("out-of-range");
    expect(codeOf(() => flatSchedule(-1))).toBe("out-of-range");
  });
});

describe("real prices", () => {
  it("put each year in year 0's prices through the deflator index", () => {
    const index = flatDeflatorIndex(3, 0.02);
    expect(index.map(String)).toEqual(["100", "102", "104.04"]);
    expect(realPrices(d([100, 102, 104.04]), index).map(String)).toEqual(["100", "100", "100"]);
    expect(realPrices(d([10, 10]), d([95.5, 100])).map((x) => x.toNumber())).toEqual([10, 9.55]);
  });

  it("refuse an index of the wrong length or not above 0", () => {
    expect(codeOf(() => realPrices(d([1, 2]), d([100])))).toBe("out-of-range");
    expect(codeOf(() => realPrices(d([1, 2]), d([100, 0])))).toBe("out-of-range");
  });
});

const money = fc.integer({ min: 0, max: 5_000_000 }).map((x) => new Decimal(x));
const flows = (n: number) => fc.array(money, { minLength: n, maxLength: n });
const pairs = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(flows(n), flows(n)));
const rate = fc.integer({ min: 1, max: 200 }).map((bp) => new Decimal(bp).div(1000));

describe("properties", () => {
  it("NPV at 0% is the plain sum of benefits less costs", () => {
    fc.assert(
      fc.property(pairs, ([b, c]) => {
        const sum = b.reduce((s, x, i) => s.plus(x).minus(c[i]), new Decimal(0));
        expect(npv(b, c, flatSchedule(0)).eq(sum)).toBe(true);
      }),
    );
  });

  it("the present value of positive flows falls as the rate rises", () => {
    fc.assert(
      fc.property(flows(10), rate, rate, (b, r1, r2) => {
        fc.pre(!r1.eq(r2) && b.slice(1).some((x) => x.gt(0)));
        const [lo, hi] = r1.lt(r2) ? [r1, r2] : [r2, r1];
        expect(presentValue(b, flatSchedule(hi)).lt(presentValue(b, flatSchedule(lo)))).toBe(true);
      }),
    );
  });

  it("BCR > 1 exactly when NPV > 0, for costs above 0", () => {
    fc.assert(
      fc.property(pairs, ([b, c]) => {
        fc.pre(c.some((x) => x.gt(0)));
        const ratio = benefitCostRatio(b, c, GREEN_BOOK_STANDARD);
        expect(ratio.gt(1)).toBe(npv(b, c, GREEN_BOOK_STANDARD).gt(0));
      }),
    );
  });
});

describe("against Excel's NPV, recalculated by LibreOffice", () => {
  // Excel's NPV(r, v1..vn) discounts v1 by one period; with year 0 = the first FY, ours is v0 + NPV(r, v1..vn).
  beforeAll(() => {
    if (!hasLibreOffice())
      throw new Error("LibreOffice (soffice) is not installed: run `bash scripts/install-system-deps.sh`");
  });

  it("gives first + NPV(r, rest) on the same flows", async () => {
    const cases = fc.sample(
      fc.tuple(
        rate,
        fc.array(fc.integer({ min: -3_000_000, max: 5_000_000 }), { minLength: 2, maxLength: 12 }),
      ),
      {
        numRuns: 8,
        seed: 14,
      },
    );
    cases.push([new Decimal("0.035"), [-1_500_000, -500_000, 400_000, 1_100_000, 1_900_000, 2_300_000]]);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("NPV");
    cases.forEach(([r, values], i) => {
      const row = i + 1;
      ws.getCell(row, 1).value = r.toNumber();
      values.forEach((v, j) => (ws.getCell(row, 3 + j).value = v));
      const first = ws.getCell(row, 3).address;
      const second = ws.getCell(row, 4).address;
      const last = ws.getCell(row, 2 + values.length).address;
      ws.getCell(row, 2).value = { formula: `${first}+NPV(A${row},${second}:${last})` };
    });
    const file = join(mkdtempSync(join(tmpdir(), "npv-")), "npv.xlsx");
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(await recalcInLibreOffice(file));
    const sheet = back.getWorksheet("NPV");
    cases.forEach(([r, values], i) => {
      const cell = sheet?.getCell(i + 1, 2).value;
      const excel =
        typeof cell === "object" && cell !== null && "result" in cell ? Number(cell.result) : Number(cell);
      const ours = presentValue(d(values), flatSchedule(r)).toNumber();
      expect(Math.abs(ours - excel)).toBeLessThan(1e-6);
    });
  }, 180_000);
});
