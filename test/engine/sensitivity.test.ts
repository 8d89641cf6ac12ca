import * as fs from "fs";
import * as path from "path";
import {
  Decimal,
  computeProfile,
  parseProposal,
  profileRiskModel,
  programmeSensitivity,
  proposalRiskModel,
  proposalSensitivity,
  withDecimal,
  changesNothing,
  movesOnlyMtfsRow,
  mtfsOnlyNote,
  sensitivityNote,
  proposalTornado,
  proposalTornadoModel,
  rankedRows,
  unmovedLine,
  NO_CHANGE_POUNDS,
  UNMOVED_NAMED_MAX,
} from "../../src/engine";

const read = (f: string) =>
  parseProposal(JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", f), "utf8")));
const cfs = read("cfs-targeted-prevention.json");
const fbp = read("family-based-placements.json");
const D = (x: number) => new Decimal(x);

describe("proposalSensitivity", () => {
  const model = profileRiskModel("CFS", cfs.assumptions.cohort!);

  it("swings about the deterministic FY29/30 figure, sorted by swing", () => {
    const t = proposalSensitivity(model);
    expect(t.opportunity).toBeCloseTo(
      computeProfile(cfs.assumptions.cohort!).quantifiedOpportunity.toNumber(),
      2,
    );
    const swings = t.rows.map((r) => r.swing);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    // ±10% of the £1,487 weekly cost moves the £1,338 saving by 11%: more than ±10% of volume or target,
    // which enter the flow as a product and so swing it alike.
    expect(t.rows[0].input).toBe("unitCost.weeklyCost");
    const swing = (p: string) => t.rows.find((r) => r.input === p)?.swing ?? NaN;
    expect(Math.abs(swing("baseline.volumePerYear") - swing("target.value"))).toBeLessThan(0.01);
    expect(swing("unitCost.weeklyCost")).toBeGreaterThan(swing("target.value"));
  });

  it("moves each input ±10% by default and to the stated low and high when given", () => {
    const stated = profileRiskModel("CFS", cfs.assumptions.cohort!, [
      { path: "target.value", low: D(0.06), high: D(0.1) },
    ]);
    const rows = proposalSensitivity(stated).rows;
    const target = rows.find((r) => r.input === "target.value");
    expect(target).toMatchObject({ low: 0.06, high: 0.1, defaultEnds: false });
    const cost = rows.find((r) => r.input === "unitCost.weeklyCost");
    expect(cost).toMatchObject({ low: 1487 * 0.9, high: 1487 * 1.1, defaultEnds: true });
    // The figure at the high end is the deterministic profile with that one input changed.
    const atHigh = computeProfile(
      withDecimal(cfs.assumptions.cohort!, "target.value", D(0.1)),
    ).quantifiedOpportunity;
    expect(target?.opportunityAtHigh).toBeCloseTo(atHigh.toNumber(), 2);
  });

  it("gives a swing of 0 to an input that does not reach the MTFS year", () => {
    // CFS stays last 153.1 weeks: none of the avoided starts has left care by FY29/30, so the stay's length
    // cannot move that year's figure.
    const row = proposalSensitivity(model).rows.find((r) => r.input === "durationWeeks");
    expect(row?.swing).toBe(0);
  });

  it("reads a Months path in months (timeline.leadMonths)", () => {
    const m = profileRiskModel("CFS", cfs.assumptions.cohort!, [
      { path: "timeline.leadMonths", low: D(6), high: D(11) },
    ]);
    const row = proposalSensitivity(m, { allInputs: false }).rows[0];
    expect(row).toMatchObject({ input: "timeline.leadMonths", low: 6, high: 11 });
    expect(row.base).toBeCloseTo(8.5, 9);
    expect(row.opportunityAtLow).toBeGreaterThan(row.opportunityAtHigh); // a longer lead delays the saving
  });

  it("refuses a path that names no number, by field", () => {
    const m = profileRiskModel("CFS", cfs.assumptions.cohort!, [{ path: "target.nothing", low: D(1) }]);
    expect(() => proposalSensitivity(m)).toThrow("risk.inputs[0].path: names no number in the assumptions");
  });
});

describe("programmeSensitivity", () => {
  it("swings the programme total by each proposal's own swing", () => {
    const a = profileRiskModel("CFS", cfs.assumptions.cohort!);
    const b = profileRiskModel("FBP", fbp.assumptions.cohort!);
    const t = programmeSensitivity([a, b]);
    const alone = proposalSensitivity(a).opportunity + proposalSensitivity(b).opportunity;
    expect(t.opportunity).toBeCloseTo(alone, 4);
    const top = t.rows[0];
    expect(Math.abs(top.opportunityAtHigh - top.opportunityAtLow)).toBeCloseTo(top.swing, 4);
    expect(new Set(t.rows.map((r) => r.proposal))).toEqual(new Set(["CFS", "FBP"]));
  });
});

describe("sensitivity: one MTFS year and an exact base (review fixes)", () => {
  const cohort = cfs.assumptions.cohort!;

  it("refuses a programme whose proposals end their MTFS in different FYs, naming the proposal", () => {
    const shorter = { ...cohort, horizon: { ...cohort.horizon, mtfsLastFy: cohort.horizon.mtfsLastFy - 1 } };
    expect(() =>
      programmeSensitivity([profileRiskModel("CFS", cohort), profileRiskModel("Shorter", shorter)]),
    ).toThrow(/proposals\[1\]\.horizon.*"Shorter"/);
  });

  it("reports the base of the Decimal engine", () => {
    const m = profileRiskModel("CFS", cohort);
    const skewed = {
      ...m,
      evaluate: (a: typeof cohort) => ({ ...m.evaluate(a), net: m.evaluate(a).net.map((x) => x + 1) }),
    };
    const p = computeProfile(cohort);
    const i = m.mtfsIndex;
    expect(proposalSensitivity(skewed).opportunity).toBe(p.years[i].cumulative.toNumber());
  });
});

describe("sensitivity: a default end that breaks a bound is held at the bound (issue 14)", () => {
  const proposal = (f: string) => read(f);

  it("holds a share's default high at 1 and says so (Reablement's ramp)", () => {
    const t = proposalSensitivity(proposalRiskModel(proposal("reablement.json")));
    const row = t.rows.find((r) => r.input === "streams[0].ramp.points[1].share")!;
    expect(row.high).toBe(1);
    expect(row.note).toBe("high held at 1 (a share)");
    expect(row.refused).toBeUndefined();
    // The share is 1 already: held there, the high end is the base figure and the low end still moves it.
    expect(row.base).toBe(1);
    expect(row.opportunityAtHigh).toBe(t.opportunity);
    expect(row.opportunityAtLow).toBeLessThan(t.opportunity);
  });

  it("holds a fee's default low at the current fee, and the current fee's high at the fee", () => {
    const t = proposalSensitivity(proposalRiskModel(proposal("income-maximisation.json")));
    const fee = t.rows.find((r) => r.input === "streams[0].items[0].feePerUnit")!;
    const current = t.rows.find((r) => r.input === "streams[0].items[0].currentFeePerUnit")!;
    expect(fee.low).toBe(current.base);
    expect(current.high).toBe(fee.base);
    expect(fee.note).toBe("low held at 190 (must not be below streams[0].items[0].currentFeePerUnit)");
    expect(current.note).toBe("high held at 195 (must not be above streams[0].items[0].feePerUnit)");
    expect(fee.opportunityAtLow).toBeLessThan(t.opportunity);
    expect(current.opportunityAtHigh).toBeLessThan(t.opportunity);
    expect(t.rows.some((r) => r.refused)).toBe(false);
  });

  it("still refuses a stated end that breaks the rule, with the reason", () => {
    const reablement = proposal("reablement.json");
    const model = proposalRiskModel(reablement);
    const stated = { ...model, entries: [{ path: "streams[0].ramp.points[1].share", high: D(1.1) }] };
    const row = proposalSensitivity(stated, { allInputs: false }).rows[0];
    expect(row.high).toBeCloseTo(1.1, 10);
    expect(row.refused).toEqual([
      expect.objectContaining({ end: "high", rule: expect.stringMatching(/between 0 and 1/) }),
    ]);
    expect(row.note).toMatch(/^high refused/);
    expect(row.opportunityAtHigh).toBe(proposalSensitivity(stated, { allInputs: false }).opportunity);
  });
});

describe("rankedRows and unmovedLine (inputs that change nothing)", () => {
  const raw = JSON.parse(
    fs.readFileSync(path.join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8"),
  );
  // A count target ignores the baseline; a one-off paid before the FY read leaves its net as it is.
  raw.assumptions.target = { kind: "countPerYear", value: 20 };
  raw.assumptions.investment.push({ kind: "oneOff", label: "Launch", amount: 40000, date: "2026-09-01" });
  const t = proposalTornado(parseProposal(raw), raw);

  it("splits every row into those that move a figure and those that change nothing, in swing order", () => {
    const { moving, unmoved } = rankedRows(t);
    expect([...moving, ...unmoved].map((r) => r.input).sort()).toEqual(t.rows.map((r) => r.input).sort());
    for (const r of unmoved) {
      expect(changesNothing(t, r)).toBe(true);
      expect(r.swing).toBeLessThan(NO_CHANGE_POUNDS);
    }
    for (const r of moving) expect(changesNothing(t, r)).toBe(false);
    expect(unmoved.map((r) => r.input)).toEqual(
      expect.arrayContaining([
        "baseline.volumePerYear",
        `investment[${raw.assumptions.investment.length - 1}].amount`,
      ]),
    );
    expect(moving.map((r) => r.swing)).toEqual(t.rows.filter((r) => moving.includes(r)).map((r) => r.swing));
  });

  it("counts the inputs that change nothing, naming them only when there are few", () => {
    const rows = rankedRows(t).unmoved;
    const line = unmovedLine(rows, (r) => r.input);
    expect(line.startsWith(`${rows.length} inputs change nothing`)).toBe(true);
    for (const r of rows.slice(0, UNMOVED_NAMED_MAX)) expect(line).toContain(r.input);
    const many = Array.from({ length: UNMOVED_NAMED_MAX + 1 }, () => rows[0]);
    expect(unmovedLine(many, (r) => r.input)).not.toContain(rows[0].input);
    expect(unmovedLine([rows[0]], (r) => r.input)).toMatch(/^1 input changes nothing at its low or high/);
    expect(unmovedLine([], (r) => r.input)).toBe("");
  });

  it("names no input when the named line would be longer than the space given, and says where they are listed", () => {
    const rows = rankedRows(t).unmoved.slice(0, 1);
    const long = (r: { input: string }): string => `${r.input} ${"x".repeat(120)}`;
    const line = unmovedLine(rows, long, 100);
    expect(line.length).toBeLessThanOrEqual(100);
    expect(line).not.toContain(rows[0].input);
    expect(line).toMatch(/^1 input changes nothing at its low or high, so is not shown \(MTFS\.SENSITIVITY/);
    expect(unmovedLine(rows, (r) => r.input, 100)).toContain(rows[0].input);
  });
});

describe("inputs that move only the MTFS row", () => {
  it("are the rows whose opportunity holds at both ends while the MTFS row moves, and their note says so", () => {
    for (const f of [
      "reablement.json",
      "maximising-independence-for-working-age-adults.json",
      "cfs-targeted-prevention.json",
    ]) {
      const raw = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", f), "utf8"));
      const t = proposalSensitivity(proposalTornadoModel(parseProposal(raw), raw));
      for (const r of t.rows) {
        const opportunityStill = [r.opportunityAtLow, r.opportunityAtHigh].every(
          (x) => Math.abs(x - t.opportunity) < NO_CHANGE_POUNDS,
        );
        const mtfsMoves = [r.mtfsAtLow, r.mtfsAtHigh].some((x) => Math.abs(x - t.mtfs) >= NO_CHANGE_POUNDS);
        expect([f, r.input, movesOnlyMtfsRow(t, r)]).toEqual([f, r.input, opportunityStill && mtfsMoves]);
        expect(mtfsOnlyNote(t, r) !== "").toBe(movesOnlyMtfsRow(t, r));
        expect(mtfsOnlyNote(t, r, true).startsWith(mtfsOnlyNote(t, r))).toBe(true);
        if (movesOnlyMtfsRow(t, r)) {
          expect(changesNothing(t, r)).toBe(false);
          expect(sensitivityNote(t, r, "high held at 1 (a share)")).toBe(
            `high held at 1 (a share); ${mtfsOnlyNote(t, r)}`,
          );
        } else expect(sensitivityNote(t, r, "")).toBe("");
      }
    }
    // Inflation on Reablement's saving moves its MTFS row only (the CLI showed a bare "-" swing for it).
    const raw = JSON.parse(
      fs.readFileSync(path.join(__dirname, "../../examples", "reablement.json"), "utf8"),
    );
    const t = proposalSensitivity(proposalTornadoModel(parseProposal(raw), raw));
    const inflation = t.rows.find((r) => r.input === "streams[0].inflationPerYear")!;
    expect(movesOnlyMtfsRow(t, inflation)).toBe(true);
  });
});
