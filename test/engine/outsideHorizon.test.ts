import fc from "fast-check";
import {
  Decimal,
  EngineError,
  actualCheck,
  edgeOfCareActuals,
  fyLabel,
  outsideHorizon,
  parsePeriod,
  parseProposal,
  reprofileStream,
  trackAssumptions,
  trackProposal,
  type ProposalAssumptions,
} from "../../src/engine";
import { readExample } from "./examples";
import { exampleInput } from "./tracking.fixtures";

const example = (name: string): ProposalAssumptions => parseProposal(readExample(name)).assumptions;

/** What `f` throws (an EngineError), or undefined. */
function thrown(f: () => unknown): EngineError | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  return undefined;
}

describe("outsideHorizon", () => {
  it("states the horizon and the months and quarters inside it", () => {
    expect(outsideHorizon("2040-01", { firstFy: 2026, lastFy: 2031 })).toEqual(
      new EngineError(
        "out-of-range",
        "period",
        "2040-01 is outside the proposal's horizon, FY26/27 to FY31/32: give a month from 2026-04 to 2032-03 " +
          "or a quarter from 2026-Q1 to 2031-Q4",
      ),
    );
    expect(
      outsideHorizon("FY40/41", { firstFy: 2026, lastFy: 2029 }, { field: "fy", name: "CFS" }).rule,
    ).toBe("FY40/41 is outside CFS's horizon, FY26/27 to FY29/30");
  });

  it("names as the first and last inside exactly the months and quarters at the horizon's ends (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2090 }), fc.nat(8), (firstFy, years) => {
        const lastFy = firstFy + years;
        const inside = (label: string): boolean => {
          const { fy } = parsePeriod(label);
          return fy >= firstFy && fy <= lastFy;
        };
        const rule = outsideHorizon("x", { firstFy, lastFy }).rule;
        const named = /month from (\S+) to (\S+) or a quarter from (\S+) to (\S+)$/.exec(rule)!.slice(1);
        // Each named period is inside, and the one just beyond it is not.
        const beyond = [`${firstFy}-03`, `${lastFy + 1}-04`, `${firstFy - 1}-Q4`, `${lastFy + 1}-Q1`];
        return named.every(inside) && !beyond.some(inside);
      }),
      { numRuns: 50 },
    );
  });
});

describe("every tracking path says the proposal's horizon when an actual is outside it", () => {
  const cfs = exampleInput("cfs-targeted-prevention.json");
  const span = `horizon, ${fyLabel(cfs.horizon.firstFy)} to ${fyLabel(cfs.horizon.lastFy)}`;
  const after = `${cfs.horizon.lastFy + 2}-01`;

  it("a single cohort's tracking", () => {
    const e = thrown(() => trackProposal(cfs, [{ period: after, measure: "saving", value: new Decimal(1) }]));
    expect(e).toMatchObject({ code: "out-of-range", field: "period" });
    expect(e?.rule).toContain(`${after} is outside the proposal's ${span}: give a month from`);
  });

  it("the check of an actual against a proposal's streams, by the proposal's name", () => {
    const a = example("income-maximisation.json");
    const e = thrown(() =>
      actualCheck(a, { name: "Income" })({ stream: "fees", period: after, measure: "saving" }),
    );
    expect(e?.rule).toContain(
      `${after} is outside Income's horizon, ${fyLabel(a.horizon.firstFy)} to ${fyLabel(a.horizon.lastFy)}`,
    );
  });

  it("a proposal of streams' tracking", () => {
    const a = example("resident-focused-organisation.json");
    const e = thrown(() =>
      trackAssumptions(a, [{ period: after, measure: "saving", value: new Decimal(1) }]),
    );
    expect(e).toMatchObject({ field: "period" });
    expect(e?.rule).toContain(`horizon, ${fyLabel(a.horizon.firstFy)} to ${fyLabel(a.horizon.lastFy)}`);
  });

  it("a stream's reprofile", () => {
    const a = example("resident-focused-organisation.json");
    const e = thrown(() => reprofileStream(a, 0, [{ period: after, value: new Decimal(1) }], "saving"));
    expect(e).toMatchObject({ field: "period" });
    expect(e?.rule).toContain(`horizon, ${fyLabel(a.horizon.firstFy)} to ${fyLabel(a.horizon.lastFy)}`);
  });

  it("an edge-of-care programme's year to date, by its FY", () => {
    const fy = cfs.horizon.lastFy + 2;
    const ytd = { inYearDiversions: new Decimal(3) } as Parameters<typeof edgeOfCareActuals>[1];
    const e = thrown(() => edgeOfCareActuals(cfs, ytd, fy, 2));
    expect(e).toMatchObject({ code: "out-of-range", field: "fy" });
    expect(e?.rule).toBe(`${fyLabel(fy)} is outside the proposal's ${span}`);
  });
});
