import { callMtfs, errorOf } from "./register";
import { CFS_RANGE } from "./fixtures/cfsRange";
import { computeProfile, parseProposal } from "../../src/engine";
import * as fs from "fs";
import * as path from "path";

const cfs = parseProposal(
  JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8")),
);
const planned = computeProfile(cfs.assumptions.cohort!).years.map((y) => y.mtfsImpact.toNumber());

type Row = (string | number)[];

describe("MTFS.SENSITIVITY", () => {
  it("spills input (by its range label), low, high, the figure at each and the swing, largest first", () => {
    const rows = callMtfs("SENSITIVITY", CFS_RANGE, null, null) as Row[];
    expect(rows[0]).toEqual(["Input", "Low", "High", "At low (£)", "At high (£)", "Swing (£)", "Note"]);
    expect(rows[1][0]).toBe("Weekly unit cost (£)");
    expect(rows[1][1]).toBeCloseTo(1338.3, 6);
    expect(rows[1][2]).toBeCloseTo(1635.7, 6);
    const swings = rows.slice(1).map((r) => r[5] as number);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    const lead = rows.find((r) => r[0] === "Lead time (months)");
    expect(lead?.[1]).toBeCloseTo(7.65, 9);
    expect(lead?.[2]).toBeCloseTo(9.35, 9);
    const duration = rows.find((r) => r[0] === "Duration (weeks)");
    expect(duration?.[5]).toBe(0);
  });

  it("takes the changes at each end as arguments", () => {
    const narrow = callMtfs("SENSITIVITY", CFS_RANGE, "-5%", "5%") as Row[];
    const wide = callMtfs("SENSITIVITY", CFS_RANGE, -0.2, 0.2) as Row[];
    const swing = (rows: Row[]) => rows.find((r) => r[0] === "Target %")?.[5] as number;
    expect(swing(wide)).toBeCloseTo(4 * swing(narrow), 0);
  });

  it("returns #VALUE! naming the argument for a high end below the low end", () => {
    const e = errorOf(callMtfs("SENSITIVITY", CFS_RANGE, "10%", "-10%"));
    expect(e?.code).toBe("#VALUE!");
    expect(e?.message).toMatch(
      /^high: the change at the high end must be at least the change at the low end/,
    );
  });

  it("says in the Note column when the model refused an end (its figure is the base), and why", () => {
    const rows = callMtfs("SENSITIVITY", CFS_RANGE, "-200%", "10%") as Row[];
    const duration = rows.find((r) => r[0] === "Duration (weeks)");
    // The note names the range's label, as the function's errors do, not the engine's field.
    expect(duration?.[6]).toMatch(/^low refused \(Duration \(weeks\): must be > 0.*\); base figure kept$/);
    expect(rows.find((r) => r[0] === "Target %")?.[6]).toBe("");
  });
});

describe("MTFS.SIMULATE", () => {
  it("spills FY rows of planned, P10, P50, P90 and the probability of reaching the plan", () => {
    const rows = callMtfs("SIMULATE", CFS_RANGE, 2000, 42, "Low") as Row[];
    expect(rows[0]).toEqual(["FY", "Planned (£)", "P10 (£)", "P50 (£)", "P90 (£)", "P(≥ plan)"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      "FY26/27",
      "FY27/28",
      "FY28/29",
      "FY29/30",
      "FY30/31",
      "FY31/32",
    ]);
    rows.slice(1).forEach((r, i) => {
      expect(r[1]).toBeCloseTo(planned[i], 2);
      expect(r[2] as number).toBeLessThanOrEqual(r[3] as number);
      expect(r[3] as number).toBeLessThanOrEqual(r[4] as number);
    });
    expect(rows[4][5]).toBeGreaterThan(0.2);
    expect(rows[4][5]).toBeLessThan(0.8);
  });

  it("gives the same numbers for the same seed; a narrower confidence spread narrows P10–P90", () => {
    expect(callMtfs("SIMULATE", CFS_RANGE, 500, 7, "Low")).toEqual(
      callMtfs("SIMULATE", CFS_RANGE, 500, 7, "Low"),
    );
    const width = (level: string) => {
      const r = (callMtfs("SIMULATE", CFS_RANGE, 500, 7, level) as Row[])[4];
      return (r[4] as number) - (r[2] as number);
    };
    expect(width("High")).toBeLessThan(width("Low"));
  });

  it("returns #VALUE! naming the argument for too many iterations, a fractional seed or an unknown level", () => {
    expect(errorOf(callMtfs("SIMULATE", CFS_RANGE, 20001, 1, null))?.message).toMatch(
      /^iterations: must be at most 20,000 in a worksheet cell/,
    );
    expect(errorOf(callMtfs("SIMULATE", CFS_RANGE, 0, 1, null))?.message).toMatch(
      /^iterations: must be a whole number from 1/,
    );
    expect(errorOf(callMtfs("SIMULATE", CFS_RANGE, 10, 1.5, null))?.message).toMatch(
      /^seed: must be a whole number/,
    );
    expect(errorOf(callMtfs("SIMULATE", CFS_RANGE, 10, 1, "Sure"))?.message).toMatch(
      /^confidence: must be "High"/,
    );
  });
});
