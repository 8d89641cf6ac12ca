import { rmSync, writeFileSync } from "fs";
import { join } from "path";
import { run, tempDir } from "./workbookCli";
import { NIL_MONEY_TEXT } from "../../src/engine";

/**
 * `calc profile` on a multi-stream proposal: each stream's lines, the weightings written as evidence × weighting
 * = value, the operational measures per FY with their units, warnings on stderr, and `streams` in the JSON.
 * The fixture is a prevention proposal with a "falls" and a "cognitive decline" cohort starting on different
 * dates (the case a new user had to split into two files), plus an income stream.
 */

const cohort = (id: string, label: string, startDate: string, extra: Record<string, unknown> = {}) => ({
  kind: "cohort",
  id,
  label,
  baseline: { volumePerYear: 260 },
  target: { kind: "percent", value: 0.16 },
  durationWeeks: 52.18,
  unitCost: { weeklyCost: 500 },
  timeline: { startDate, rolloutMonths: 6 },
  unit: "people",
  ...extra,
});

const proposal = {
  opportunity: { name: "Prevention: falls and cognitive decline", confidence: { level: "Medium" } },
  assumptions: {
    horizon: { firstFy: "FY26/27", lastFy: "FY30/31", mtfsLastFy: "FY29/30" },
    streams: [
      cohort("falls", "Falls", "2026-07-01", { targetWeighting: 0.5 }),
      cohort("cognitive", "Cognitive decline", "2027-10-01", { cohortKey: "older-people-cognitive" }),
      {
        kind: "income",
        id: "charges",
        label: "Charges",
        confidenceWeighting: 0.5,
        items: [
          {
            kind: "volumeTimesFee",
            label: "Assessments",
            volumePerYear: 100,
            feePerUnit: 50,
            goLiveDate: "2026-04-01",
          },
        ],
      },
    ],
    investment: [{ kind: "ongoing", label: "Falls team", amountPerYear: 100000, fromDate: "2026-07-01" }],
  },
};

let dir: string;
let file: string;
beforeAll(() => {
  dir = tempDir();
  file = join(dir, "streams.json");
  writeFileSync(file, JSON.stringify(proposal));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface StreamJson {
  id: string;
  label: string;
  kind: string;
  weighting: number;
  weightings: { label: string; evidence: number; weighting: number; value: number }[];
  years: { fy: string; gross: number; measures: Record<string, { value: number; unit: string }> }[];
}

describe("mtfs-benefits calc profile: a multi-stream proposal", () => {
  it("prints each stream's gross and measures with units, the costs and the MTFS row", async () => {
    const r = await run(["calc", "profile", "--input", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    const from = lines.indexOf("Benefit lines");
    expect(from).toBeGreaterThan(0);
    const block = lines.slice(from, lines.indexOf("", from));
    const labels = block.map((l) => l.split(/\s{2,}/)[0].trim());
    expect(labels).toEqual(
      expect.arrayContaining([
        "Falls (gross)",
        "Cognitive decline (gross)",
        "Charges (gross × 50%)",
        "Cost: Falls team",
        "Net benefit (cumulative)",
        "MTFS row",
      ]),
    );
    // Every measure row names its unit, and the cohort measures are in people.
    const measures = block.filter((l) => l.startsWith("  "));
    expect(measures.length).toBeGreaterThanOrEqual(4);
    for (const m of measures) expect(m).toMatch(/^ {2}\S.*\([^)]+\)\s/);
    expect(measures.some((m) => /\(people\)/.test(m))).toBe(true);
    // The cognitive decline cohort starts in October 2027: nothing in FY26/27.
    const cognitive = block.find((l) => l.startsWith("Cognitive decline"))!;
    expect(cognitive.split(/\s{2,}/)[1]).toBe(NIL_MONEY_TEXT);
  });

  it("writes the weighting as evidence × weighting = value", async () => {
    const r = await run(["calc", "profile", "--input", file]);
    expect(r.stdout).toMatch(/^Falls: target 16% × 50% confidence weighting = 8%$/m);
  });

  it("JSON includes the streams, whose gross adds up to the profile's gross each FY", async () => {
    const r = await run(["calc", "profile", "--input", file, "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { years: { fy: string; gross: number }[]; streams: StreamJson[] };
    expect(json.streams.map((s) => [s.id, s.kind])).toEqual([
      ["falls", "cohort"],
      ["cognitive", "cohort"],
      ["charges", "income"],
    ]);
    expect(json.streams[0].weightings).toEqual([
      expect.objectContaining({ evidence: 0.16, weighting: 0.5, value: 0.08 }),
    ]);
    json.years.forEach((y, i) => {
      const sum = json.streams.reduce((s, st) => s + st.years[i].gross, 0);
      expect(Math.abs(sum - y.gross)).toBeLessThanOrEqual(0.02);
    });
    expect(Object.values(json.streams[0].years[2].measures).every((m) => typeof m.unit === "string")).toBe(
      true,
    );
  });

  it("puts warnings on stderr and keeps --format json parseable", async () => {
    const odd = structuredClone(proposal) as typeof proposal;
    (odd.assumptions.streams[1] as Record<string, unknown>).durationWeeks = 1200;
    const warned = join(dir, "warned.json");
    writeFileSync(warned, JSON.stringify(odd));
    const r = await run(["calc", "profile", "--input", warned, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: assumptions\.streams\[1\]\.durationWeeks: /m);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  });

  it("a single-cohort proposal prints no lines table, as before", async () => {
    const r = await run([
      "calc",
      "profile",
      "--input",
      join(__dirname, "../../examples/cfs-targeted-prevention.json"),
    ]);
    expect(r.stdout).not.toContain("Benefit lines");
  });
});

describe("calc profile's benefit lines", () => {
  it("leaves out a measure the stream's inputs do not drive, keeping those that move", async () => {
    const rfo = await run(["calc", "profile", "--input", "examples/resident-focused-organisation.json"]);
    expect(rfo.code).toBe(0);
    expect(rfo.stdout).toMatch(/Organisational design.*\(gross\)/);
    expect(rfo.stdout).not.toMatch(/Average FTE reduction/);
    const income = await run(["calc", "profile", "--input", "examples/income-maximisation.json"]);
    // Fees charge units; traded services state their net income alone.
    expect(income.stdout.match(/Units charged at the new fees/g)).toHaveLength(1);
    const json = JSON.parse(
      (await run(["calc", "profile", "--input", "examples/income-maximisation.json", "--format", "json"]))
        .stdout,
    );
    expect(Object.keys(json.streams[1].years[0].measures)).toContain("unitsCharged");
  });
});
