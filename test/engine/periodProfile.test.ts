import fc from "fast-check";
import {
  Decimal,
  QUARTER_YEAR,
  ZERO,
  computeProfile,
  fyLabel,
  parsePeriod,
  periodProfile,
  periodsOf,
} from "../../src/engine";
import { profileInputArb } from "./arbitraries";
import { exampleInput } from "./tracking.fixtures";

// Periods are evaluated with the same closed forms as the FY, so their sum equals the FY in real arithmetic;
// Decimal's 40 significant digits round each division, so sums agree to far better than 1e-9 £ (asserted).
const TOLERANCE = new Decimal("1e-9");
const close = (a: Decimal, b: Decimal): boolean => a.minus(b).abs().lte(TOLERANCE);

describe("periods", () => {
  it("labels calendar months and fiscal quarters", () => {
    expect(periodsOf(2026, 2026, "month").map((p) => p.label)).toEqual([
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
      "2027-03",
    ]);
    expect(periodsOf(2026, 2026, "quarter").map((p) => p.label)).toEqual([
      "2026-Q1",
      "2026-Q2",
      "2026-Q3",
      "2026-Q4",
    ]);
  });

  it("puts fiscal quarter 4 in January to March of the next calendar year", () => {
    expect(parsePeriod("2026-Q4")).toEqual({
      ...parsePeriod("2027-01"),
      kind: "quarter",
      label: "2026-Q4",
      toDay: parsePeriod("2027-04").fromDay,
    });
    expect(parsePeriod("2027-03").fy).toBe(2026);
  });

  it("reads a quarter's year as its FY's first: quarter n of FY fy is the three months from April of fy on", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 4 }), (fy, n) => {
        const months = [0, 1, 2].map((k) => {
          const m = 3 + 3 * (n - 1) + k; // months from January of fy, 0-based
          return parsePeriod(`${fy + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`);
        });
        const q = parsePeriod(`${fy}-Q${n}`);
        expect([q.fy, q.fromDay, q.toDay]).toEqual([fy, months[0].fromDay, months[2].toDay]);
        expect(months.every((m) => m.fy === fy)).toBe(true);
      }),
    );
  });

  it("explains the quarter labels in words the parser agrees with", () => {
    // Each example the words give: a label, its months and its FY.
    const examples = [...QUARTER_YEAR.matchAll(/"(\d{4}-Q\d)" = (\w+) to (\w+) (\d{4})/g)];
    expect(examples).toHaveLength(2);
    const fy = /of (FY\d\d\/\d\d)$/.exec(QUARTER_YEAR)?.[1];
    const monthIndex = (name: string): number =>
      [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
      ].indexOf(name);
    for (const [, label, first, last, year] of examples) {
      const q = parsePeriod(label);
      const from = new Date(q.fromDay * 86_400_000);
      const to = new Date((q.toDay - 1) * 86_400_000);
      expect([fyLabel(q.fy), from.getUTCMonth(), to.getUTCMonth(), to.getUTCFullYear()]).toEqual([
        fy,
        monthIndex(first),
        monthIndex(last),
        Number(year),
      ]);
    }
  });

  it("names whose year a quarter label gives when it refuses a period", () => {
    expect(() => parsePeriod("July 2027")).toThrow(
      expect.objectContaining({ code: "invalid-type", rule: expect.stringContaining(QUARTER_YEAR) }),
    );
  });

  it("refuses a label that is neither a month nor a quarter, by error code", () => {
    for (const bad of ["2026-13", "2026-Q5", "April", "2026/04"]) {
      expect(() => parsePeriod(bad)).toThrow(
        expect.objectContaining({ code: "invalid-type", field: "period" }),
      );
    }
  });
});

describe("periodProfile", () => {
  it("gives CFS Targeted Prevention's months that add up to each FY", () => {
    const input = exampleInput("cfs-targeted-prevention.json");
    const fys = computeProfile(input).years;
    const months = periodProfile(input, "month");
    expect(months).toHaveLength(fys.length * 12);
    fys.forEach((y, i) => {
      const m = months.slice(i * 12, i * 12 + 12);
      const sum = (pick: (r: (typeof m)[number]) => Decimal): Decimal =>
        m.reduce((a, r) => a.plus(pick(r)), ZERO);
      expect(
        close(
          sum((r) => r.gross),
          y.gross,
        ),
      ).toBe(true);
      expect(
        close(
          sum((r) => r.costs),
          y.costs,
        ),
      ).toBe(true);
      expect(
        close(
          sum((r) => r.net),
          y.cumulative,
        ),
      ).toBe(true);
      expect(
        close(
          sum((r) => r.avoidedEvents),
          y.avoidedEvents,
        ),
      ).toBe(true);
    });
    // Nothing before first impact (pilot end 1 Dec 2026 + 8.5 months lead): no gross in April 2026.
    expect(months[0].gross.isZero()).toBe(true);
  });

  it("spreads an overlap over a FY whose caseload has run out by days, not by rounding residue", () => {
    // Found by the property below (seed -71963360): one case of 21.5 weeks has gone by FY30/31, so the months'
    // gross are ±1e-38 residues; shares of them gave each month an overlap of ±1e39 that summed to £1, not £2.
    const D = (x: number | string): Decimal => new Decimal(x);
    const cfs = exampleInput("cfs-targeted-prevention.json");
    const input = {
      ...cfs,
      baseline: { volumePerYear: ZERO, growthPerYear: ZERO },
      target: { kind: "countPerYear" as const, value: D(34), cohortSize: D(1) },
      durationWeeks: D("21.5"),
      unitCost: {
        ...cfs.unitCost,
        weeklyCost: ZERO,
        inflationPerYear: ZERO,
        periodsPerYear: D("52.18"),
        priceBaseFy: 2026,
        components: [
          { label: "Part", share: D("0.042"), costPerPeriod: D(30), realisedFrom: "09-01" },
          { label: "Part", share: ZERO, costPerPeriod: ZERO },
        ],
        inflationContingency: false,
      },
      timeline: {
        startDate: "2026-08-01",
        designWeeks: D("52.18").times(4).div(12),
        pilotWeeks: D("52.18").div(12),
        rolloutWeeks: D("52.18"),
        leadWeeks: D("52.18").div(24),
        ramp: "linear" as const,
      },
      investment: [],
      mtfsOverlap: { kind: "amountPerYear" as const, amountPerYear: D(2), capAtGross: false },
      horizon: { firstFy: 2026, lastFy: 2031, mtfsLastFy: 2029 },
    };
    const months = periodProfile(input, "month").slice(48, 60);
    expect(months.every((m) => m.overlap.gte(0) && m.overlap.lte(2))).toBe(true);
    expect(
      close(
        months.reduce((a, m) => a.plus(m.overlap), ZERO),
        D(2),
      ),
    ).toBe(true);
  });

  it("sums months and quarters to the FY figures for any valid proposal (property)", () => {
    fc.assert(
      fc.property(profileInputArb, fc.constantFrom("month" as const, "quarter" as const), (input, kind) => {
        const fys = computeProfile(input).years;
        const rows = periodProfile(input, kind);
        const n = kind === "month" ? 12 : 4;
        fys.forEach((y, i) => {
          const r = rows.slice(i * n, i * n + n);
          const sum = (pick: (x: (typeof r)[number]) => Decimal): Decimal =>
            r.reduce((a, x) => a.plus(pick(x)), ZERO);
          const days = r.reduce((a, x) => a + x.toDay - x.fromDay, 0);
          expect(
            close(
              sum((x) => x.gross),
              y.gross,
            ),
          ).toBe(true);
          expect(
            close(
              sum((x) => x.costs),
              y.costs,
            ),
          ).toBe(true);
          expect(
            close(
              sum((x) => x.overlap),
              y.overlap,
            ),
          ).toBe(true);
          expect(
            close(
              sum((x) => x.net),
              y.cumulative,
            ),
          ).toBe(true);
          expect(
            close(
              sum((x) => x.avoidedEvents),
              y.avoidedEvents,
            ),
          ).toBe(true);
          expect(
            close(sum((x) => x.caseloadReduction.times(x.toDay - x.fromDay)).div(days), y.caseloadReduction),
          ).toBe(true);
        });
      }),
      { numRuns: 60 },
    );
  });
});
