import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { example, run, tempDir } from "./workbookCli";

/** The scenarios of examples/programme.json against the scrutiny report (paragraphs 22, 23, 42). */
describe("calc scenarios", () => {
  it("prints the scenarios side by side, in £m", async () => {
    const r = await run(["calc", "scenarios", "--input", example("programme.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Confident\s+Stretch\s+50% of stretch\s+Medium costs/);
    // One decimal, as the Green Book payback and the reports ("payback 2.5 years").
    expect(r.stdout).toMatch(/^Payback \(interpolated\)\s+3\.\d years\s+2\.\d years/m);
  });

  it("applies the stated stretch and cost estimate to the modelled programme (JSON, £)", async () => {
    const r = await run(["calc", "scenarios", "--input", example("programme.json"), "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      scenarios: {
        name: string;
        totalBenefit: number;
        lastYearBenefit: number;
        implementationCost: number;
        payback: number | null;
      }[];
    };
    const by = new Map(out.scenarios.map((s) => [s.name, s]));
    const m = (x: number | undefined): number => (x ?? NaN) / 1e6;
    // The report's own figures are reproduced from its printed totals in test/engine/scenarios.test.ts. Here the
    // confident programme is the modelled one (within £0.5m of the printed £27.2m in FY29/30), and the stated
    // inputs hold exactly: the stretch adds £26.3m in FY29/30 (paragraph 22), Medium costs total £21m (42 ii).
    const confident = m(by.get("Confident")?.lastYearBenefit);
    expect(Math.abs(confident - 27.2)).toBeLessThan(0.5);
    expect(m(by.get("Stretch")?.lastYearBenefit) - confident).toBeCloseTo(26.3, 6);
    expect(m(by.get("50% of stretch")?.lastYearBenefit) - confident).toBeCloseTo(13.15, 6);
    expect(m(by.get("Medium costs")?.implementationCost)).toBeCloseTo(21, 6);
    // Paragraph 42 ii: within 3 years; and more stretch always pays back sooner.
    expect(by.get("Medium costs")?.payback).toBeLessThan(3);
    const years = (name: string): number => by.get(name)?.payback ?? NaN;
    expect(years("Stretch")).toBeLessThan(years("50% of stretch"));
    expect(years("50% of stretch")).toBeLessThan(years("Confident"));
  });

  it("says n/a (no costs) for the payback of a programme with no implementation costs, as the sheet does", async () => {
    const dir = tempDir();
    const file = join(dir, "programme.json");
    const raw = JSON.parse(readFileSync(example("programme.json"), "utf8")) as {
      resourceCost: {
        areas: { amountsMillions: (number | null)[] }[];
        costEstimates: unknown[];
        published?: unknown;
      };
      directorates: { rows: { example?: string }[] }[];
    };
    raw.resourceCost.areas.forEach((a) => (a.amountsMillions = a.amountsMillions.map(() => null)));
    raw.resourceCost.costEstimates = [];
    delete raw.resourceCost.published;
    raw.directorates.forEach((d) => d.rows.forEach((row) => delete row.example));
    writeFileSync(file, JSON.stringify(raw));
    const table = await run(["calc", "scenarios", "--input", file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Payback \(interpolated\)(\s+n\/a \(no costs\))+$/m);
    const json = await run(["calc", "scenarios", "--input", file, "--format", "json"]);
    const out = JSON.parse(json.stdout) as { scenarios: { payback: number | null; paybackText: string }[] };
    expect(out.scenarios.map((x) => [x.payback, x.paybackText])).toEqual(
      out.scenarios.map(() => [null, "n/a (no costs)"]),
    );
  });

  it("offers a Low cost estimate beside Medium when the council states one (the report gives High and Medium)", async () => {
    const dir = tempDir();
    const file = join(dir, "programme.json");
    const raw = JSON.parse(readFileSync(example("programme.json"), "utf8")) as {
      resourceCost: { costEstimates: Record<string, unknown>[] };
      directorates: { rows: { example?: string }[] }[];
    };
    raw.resourceCost.costEstimates.push({ name: "Low", externalShare: 0.5 });
    raw.directorates.forEach((d) => d.rows.forEach((row) => delete row.example));
    writeFileSync(file, JSON.stringify(raw));
    const table = await run(["calc", "scenarios", "--input", file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Medium costs\s+Low costs/);
    const json = await run(["calc", "scenarios", "--input", file, "--format", "json"]);
    const out = JSON.parse(json.stdout) as {
      scenarios: { name: string; implementationCost: number; totalBenefit: number; payback: number | null }[];
    };
    const by = new Map(out.scenarios.map((x) => [x.name, x]));
    const high = by.get("Confident")!;
    const low = by.get("Low costs")!;
    // Table 3's external area (Strategic Partner delivery costs) is £22.3m of the £28.5m typed: half of it kept.
    const external = (8.36 + 11.65 + 2.29) * 1e6;
    expect(low.implementationCost).toBeCloseTo(high.implementationCost - external / 2, 0);
    expect(low.implementationCost).toBeLessThan(by.get("Medium costs")!.implementationCost);
    expect(low.totalBenefit).toBe(high.totalBenefit);
    expect(low.payback!).toBeLessThan(by.get("Medium costs")!.payback!);
  });

  it("refuses a file that is not a programme with exit 2 and one line", async () => {
    const dir = tempDir();
    const file = join(dir, "p.json");
    writeFileSync(file, JSON.stringify({ opportunity: {} }));
    const r = await run(["calc", "scenarios", "--input", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/not a programme file/);
  });

  it("refuses a cost estimate below the internal costs, naming it", async () => {
    const dir = tempDir();
    const file = join(dir, "programme.json");
    const raw = JSON.parse(readFileSync(example("programme.json"), "utf8")) as {
      resourceCost: { costEstimates: { name: string; totalImplementationMillions: number }[] };
      directorates: { rows: { example?: string }[] }[];
    };
    raw.resourceCost.costEstimates = [{ name: "Low", totalImplementationMillions: 1 }];
    raw.directorates.forEach((d) => d.rows.forEach((row) => delete row.example));
    writeFileSync(file, JSON.stringify(raw));
    const r = await run(["calc", "scenarios", "--input", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/costEstimates \(Low\)/);
  });

  it("reads a row's proposal with its demand model named by file, as calc profile does", async () => {
    // Every example beside the programme file; CFS Targeted Prevention's baseline names the 500k model.
    const run2 = async (baseline: unknown): Promise<{ code: number; stdout: string; stderr: string }> => {
      const dir = tempDir();
      for (const f of readdirSync(dirname(example("programme.json"))))
        if (f.endsWith(".json")) copyFileSync(example(f), join(dir, f));
      const cfs = JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
      writeFileSync(
        join(dir, "cfs-targeted-prevention.json"),
        JSON.stringify({ ...cfs, assumptions: { ...cfs.assumptions, baseline } }),
      );
      return run(["calc", "scenarios", "--input", join(dir, "programme.json"), "--format", "json"]);
    };
    const model = JSON.parse(readFileSync(example("national-children-in-care-500k.json"), "utf8"));
    const named = await run2({
      demand: { model: "national-children-in-care-500k.json", measure: "entries" },
    });
    const inline = await run2({ demand: { model, measure: "entries" } });
    expect([named.code, named.stderr]).toEqual([0, ""]);
    expect(inline.code).toBe(0);
    expect(JSON.parse(named.stdout)).toEqual(JSON.parse(inline.stdout));
  });

  it("adds a multi-stream proposal's per-stream stretch to the Stretch scenario", async () => {
    const scenarios = async (stretch?: unknown): Promise<Map<string, { lastYearBenefit: number }>> => {
      const dir = tempDir();
      for (const f of readdirSync(dirname(example("programme.json"))))
        if (f.endsWith(".json")) copyFileSync(example(f), join(dir, f));
      const raw = JSON.parse(readFileSync(example("reunification.json"), "utf8"));
      if (stretch) raw.assumptions.streams[0].stretch = stretch;
      writeFileSync(join(dir, "reunification.json"), JSON.stringify(raw));
      const r = await run(["calc", "scenarios", "--input", join(dir, "programme.json"), "--format", "json"]);
      expect([r.code, r.stderr]).toEqual([0, ""]);
      const out = JSON.parse(r.stdout) as { scenarios: { name: string; lastYearBenefit: number }[] };
      return new Map(out.scenarios.map((x) => [x.name, x]));
    };
    const plain = await scenarios();
    const stretched = await scenarios({ target: { kind: "countPerYear", value: 6 } });
    expect(stretched.get("Confident")).toEqual(plain.get("Confident"));
    const extra = (m: Map<string, { lastYearBenefit: number }>) =>
      m.get("Stretch")!.lastYearBenefit - m.get("Confident")!.lastYearBenefit;
    expect(extra(stretched)).toBeGreaterThan(extra(plain));
  });

  it("offers the Stretch scenarios from a proposal's stretch alone (no programme stretch)", async () => {
    const names = async (stretch?: unknown): Promise<string[]> => {
      const dir = tempDir();
      for (const f of readdirSync(dirname(example("programme.json"))))
        if (f.endsWith(".json")) copyFileSync(example(f), join(dir, f));
      const programme = JSON.parse(readFileSync(example("programme.json"), "utf8"));
      delete programme.stretch;
      programme.resourceCost.costEstimates = [];
      writeFileSync(join(dir, "programme.json"), JSON.stringify(programme));
      const raw = JSON.parse(readFileSync(example("reunification.json"), "utf8"));
      if (stretch) raw.assumptions.streams[0].stretch = stretch;
      writeFileSync(join(dir, "reunification.json"), JSON.stringify(raw));
      const r = await run(["calc", "scenarios", "--input", join(dir, "programme.json"), "--format", "json"]);
      expect([r.code, r.stderr]).toEqual([0, ""]);
      const out = JSON.parse(r.stdout) as { scenarios: { name: string; lastYearBenefit: number }[] };
      if (stretch) {
        const by = new Map(out.scenarios.map((x) => [x.name, x.lastYearBenefit]));
        expect(by.get("Stretch")! - by.get("Confident")!).toBeGreaterThan(1000);
      }
      return out.scenarios.map((x) => x.name);
    };
    expect(await names()).toEqual(["Confident"]);
    expect(await names({ target: { kind: "countPerYear", value: 6 } })).toEqual([
      "Confident",
      "Stretch",
      "50% of stretch",
    ]);
  });
});
