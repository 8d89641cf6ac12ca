import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { existsSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { computeProfile, parseProposal, rankedRows, toMillions } from "../../src/engine";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { readRegister } from "../../src/workbook/register";
import { modelProposal } from "../../src/workbook/engineLink";
import { ENGINE } from "../../src/taskpane/engineBridge";
import { RISK_ENGINE } from "../../src/taskpane/riskBridge";
import { example, run, tempDir } from "./workbookCli";

const cfsJson = JSON.parse(readFileSync(example("cfs-targeted-prevention.json"), "utf8")) as Record<
  string,
  unknown
>;
const planned = computeProfile(parseProposal(cfsJson).assumptions.cohort!).years.map((y) =>
  y.mtfsImpact.toNumber(),
);

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface SimJson {
  iterations: number;
  seed: number;
  proposals: {
    name: string;
    sampled: string[];
    years: { fy: string; planned: number; p10: number; p50: number; p90: number; probability: number }[];
  }[];
  programme: { years: { p50: number }[] };
}

describe("mtfs-benefits simulate", () => {
  it("prints P10/P50/P90 per FY as JSON, the same for the same seed", async () => {
    const args = [
      "simulate",
      "--input",
      example("cfs-targeted-prevention.json"),
      "--iterations",
      "800",
      "--seed",
      "5",
      "--format",
      "json",
    ];
    const a = await run(args);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe("");
    const json = JSON.parse(a.stdout) as SimJson;
    expect(json).toMatchObject({ iterations: 800, seed: 5 });
    const years = json.proposals[0].years;
    expect(years.map((y) => y.fy)).toEqual([
      "FY26/27",
      "FY27/28",
      "FY28/29",
      "FY29/30",
      "FY30/31",
      "FY31/32",
    ]);
    years.forEach((y, i) => {
      expect(y.planned).toBeCloseTo(planned[i], 2);
      expect(y.p10).toBeLessThanOrEqual(y.p50);
      expect(y.p50).toBeLessThanOrEqual(y.p90);
    });
    expect(json.proposals[0].sampled).toEqual(["target.value", "unitCost.weeklyCost", "timeline.leadWeeks"]);
    expect((await run(args)).stdout).toBe(a.stdout);
  });

  it("draws what the proposal's risk block says, and adds several proposals into a programme table", async () => {
    const withRisk = {
      ...cfsJson,
      risk: {
        inputs: [
          {
            path: "target.value",
            low: "6%",
            high: "10%",
            distribution: { kind: "triangular", low: "4%", likely: "8%", high: "10%" },
          },
          { path: "timeline.leadMonths", distribution: { kind: "uniform", low: 6, high: 11 } },
        ],
      },
    };
    const file = join(dir, "cfs-risk.json");
    writeFileSync(file, JSON.stringify(withRisk));
    const r = await run(["simulate", file, example("family-based-placements.json"), "--iterations", "300"]);
    expect(r.code).toBe(0);
    // In the Risk sheet's words, not JSON paths (new-user trial).
    expect(r.stdout).toContain(
      "Drawn from a distribution: Target (% of starts); Lead time before impact (months)",
    );
    expect(r.stdout).toContain("\nProgramme\n");
    expect(r.stdout).toMatch(/FY 29\/30 ◂ +£1\.10m/);
  });

  it("prints a small first year in £k, so P10, P50 and P90 of Independent Travel Training differ from the plan", async () => {
    const r = await run([
      "simulate",
      "--input",
      example("independent-travel-training.json"),
      "--iterations",
      "500",
    ]);
    expect(r.code).toBe(0);
    const first = /FY 26\/27 .*/.exec(r.stdout)?.[0] ?? "";
    // £m showed −£0.05m in every column beside a 51% chance of the plan.
    const figures = first.match(/-?£[\d.]+[mk]/g) ?? [];
    expect(figures).toHaveLength(4);
    expect(figures.every((f) => /^-£5\d\.\dk$/.test(f))).toBe(true);
    expect(new Set(figures.slice(1)).size).toBeGreaterThan(1);
    expect(r.stdout).toMatch(/FY 29\/30 ◂ +£0\.57m/);
  });

  it("refuses bad options with exit 2 and one line", async () => {
    const cfs = example("cfs-targeted-prevention.json");
    const tooMany = await run(["simulate", "--input", cfs, "--iterations", "100001"]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr.trim()).toBe(
      "mtfs-benefits: --iterations: must be a whole number from 1 to 100,000, got 100001",
    );
    const seed = await run(["simulate", "--input", cfs, "--seed", "1.5"]);
    expect(seed.code).toBe(2);
    expect(seed.stderr.trim()).toBe('mtfs-benefits: --seed must be a whole number, got "1.5"');
    const bad = {
      ...cfsJson,
      risk: { inputs: [{ path: "target.nothing", distribution: { kind: "confidence" } }] },
    };
    const file = join(dir, "bad-risk.json");
    writeFileSync(file, JSON.stringify(bad));
    const r = await run(["simulate", "--input", file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      "mtfs-benefits: risk.inputs[0].path: names no number in the assumptions: target.nothing",
    );
  });

  it("simulates a proposal as the --xlsx workbook's sheet says, warning that the JSON differs (new-user trial)", async () => {
    const xlsx = join(dir, "edited.xlsx");
    const cfs = example("cfs-targeted-prevention.json");
    expect((await run(["new", "--input", cfs, "--into", xlsx])).code).toBe(0);
    const sim = ["simulate", "--input", cfs, "--iterations", "50", "--format", "json", "--xlsx", xlsx];
    // As given, the sheet holds the JSON's proposal: nothing to warn about.
    const same = await run(sim);
    expect(same.code).toBe(0);
    expect(same.stderr).toBe(`Wrote ${xlsx}: Risk sheet.\n`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const target = wb.definedNames.model.find((x) => x.name === "mtfs_CFSTargetedPrevention_target_value")!;
    wb
      .getWorksheet("CFS Targeted Prevention")!
      .getCell(target.ranges[0].split("!")[1].replace(/\$/g, "")).value = 0.1;
    await wb.xlsx.writeFile(xlsx);
    const r = await run(sim);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: cfs-targeted-prevention\.json: simulated as sheet "CFS Targeted Prevention" of .*edited\.xlsx says, where Target \(% of starts\) differs from the file \(FY29\/30 MTFS row £[\d.]+m on the sheet, £1\.10m in the file\), so the Risk sheet agrees with the workbook's other sheets\.$/m,
    );
    const edited = {
      ...cfsJson,
      assumptions: { ...(cfsJson.assumptions as object), target: { kind: "percent", value: 0.1 } },
    };
    const want = computeProfile(parseProposal(edited).assumptions.cohort!).years.map((y) =>
      y.mtfsImpact.toNumber(),
    );
    const years = (JSON.parse(r.stdout) as SimJson).proposals[0].years;
    years.forEach((y, i) => expect(y.planned).toBeCloseTo(want[i], 2));
    expect(years[3].planned).not.toBeCloseTo(planned[3], 2);
    // The Risk sheet it wrote shows the same planned figures (£m), not the JSON's.
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(xlsx);
    const risk = back.getWorksheet("Risk")!;
    expect(risk.getCell("A8").value).toBe("FY29/30 (MTFS end)");
    expect(Number(risk.getCell("B8").value)).toBeCloseTo(want[3], 0);
  });

  it("writes a Risk sheet with the P-values and a fan chart into a new workbook", async () => {
    const xlsx = join(dir, "risk.xlsx");
    const r = await run([
      "simulate",
      "--input",
      example("cfs-targeted-prevention.json"),
      "--iterations",
      "200",
      "--xlsx",
      xlsx,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(`Wrote ${xlsx}: Risk sheet.`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheet = wb.getWorksheet("Risk");
    expect(sheet).toBeDefined();
    expect(sheet?.getCell("A4").value).toBe("FY (MTFS row)");
    expect(sheet?.getCell("A8").value).toBe("FY29/30 (MTFS end)");
    expect(sheet?.getCell("B8").value).toBeCloseTo(planned[3], 2);
    // The fan chart: planned as bars, P50, P10 and P90 as lines over the table; and the tornado under it.
    const zip = await JSZip.loadAsync(readFileSync(xlsx));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/mtfsChart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(2);
    const xmls = await Promise.all(charts.map((c) => zip.file(c)!.async("string")));
    expect(xmls.filter((x) => x.includes('<c:barDir val="bar"/>'))).toHaveLength(1);
    const xml = xmls.find((x) => x.includes("<c:lineChart>"))!;
    expect(xml).toContain("<c:barChart>");
    expect(xml).toContain("<c:lineChart>");
    for (const c of "BCDE") expect(xml).toContain(`'Risk'!$${c}$5:$${c}$10`);
    const again = await run([
      "simulate",
      "--input",
      example("cfs-targeted-prevention.json"),
      "--iterations",
      "10",
      "--seed",
      "5",
      "--xlsx",
      xlsx,
    ]);
    expect([again.code, again.stderr]).toEqual([0, ""]);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(xlsx);
    expect(wb2.getWorksheet("Risk")?.getCell("A2").value).toMatch(/^10 iterations, seed 5\./);
    const zip2 = await JSZip.loadAsync(readFileSync(xlsx));
    // The re-run replaced both charts: still one fan chart and one tornado.
    expect(Object.keys(zip2.files).filter((f) => /^xl\/charts\/mtfsChart\d+\.xml$/.test(f))).toHaveLength(2);
  });

  it("writes the proposal's one tornado: the rows its proposal sheet and the wizard show", async () => {
    const xlsx = join(dir, "risk-tornado.xlsx");
    const r = await run([
      "simulate",
      example("cfs-targeted-prevention.json"),
      "--iterations",
      "10",
      "--xlsx",
      xlsx,
    ]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const risk = wb.getWorksheet("Risk")!;
    let header = 1;
    while (risk.getCell(`A${header}`).value !== "Input (moved alone)") header++;
    const sheet = modelProposal(cfsJson).sensitivity!;
    // The inputs that move the figure (an input that changes nothing is counted beneath, not ranked).
    const moving = rankedRows(sheet).moving;
    moving.slice(0, 10).forEach((row, i) => {
      const at = (c: string): unknown => risk.getCell(`${c}${header + 1 + i}`).value;
      expect([at("B"), at("C"), at("D"), at("E")]).toEqual([
        row.low,
        row.high,
        row.opportunityAtLow,
        row.opportunityAtHigh,
      ]);
    });
    // The CFS sheet states its timeline in months: the tornado moves them so, everywhere.
    expect(sheet.rows.map((x) => x.input)).toContain("timeline.leadMonths");
    // A percent target reads in % (it read 0.07), as on the proposal sheet (issue 14).
    const target = moving.findIndex((x) => x.input === "target.value");
    expect(risk.getCell(`A${header + 1 + target}`).value).toBe("Target (% of starts)");
    expect(risk.getCell(`B${header + 1 + target}`).numFmt).toMatch(/%$/);
    const wizard = RISK_ENGINE.sensitivity(ENGINE.parse(cfsJson));
    if ("error" in wizard) throw new Error(wizard.error);
    expect(wizard.rows.map((x) => [x.path, x.atLowMillions, x.atHighMillions])).toEqual(
      moving.map((x) => [x.input, toMillions(x.opportunityAtLow, 4), toMillions(x.opportunityAtHigh, 4)]),
    );
  });

  it("refuses a tornado it cannot draw before printing anything, and writes no workbook", async () => {
    // The simulation draws nothing from this entry; the tornado's high end (base + 10%) is below its low.
    const file = join(dir, "low-only.json");
    writeFileSync(
      file,
      JSON.stringify({ ...cfsJson, risk: { inputs: [{ path: "target.value", low: "9%" }] } }),
    );
    const xlsx = join(dir, "never.xlsx");
    const r = await run(["simulate", file, "--iterations", "10", "--xlsx", xlsx]);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.trim()).toBe(
      "mtfs-benefits: risk.inputs[0].high: must be at least low (0.09), got 0.088",
    );
    expect(existsSync(xlsx)).toBe(false);
  });

  it("records the Risk sheet's cells as owned, and a shorter run clears the earlier run's rows", async () => {
    const xlsx = join(dir, "risk-owned.xlsx");
    const two = [example("cfs-targeted-prevention.json"), example("family-based-placements.json")];
    const first = await run(["simulate", ...two, "--iterations", "20", "--xlsx", xlsx]);
    expect([first.code, first.stderr]).toEqual([0, ""]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const owned = (await readRegister(new ExcelJsPort(wb))).owned;
    expect(owned.get("Risk!B5")).toMatchObject({ layoutId: "riskSheet", sheet: "Risk", address: "B5" });
    const lastRow = wb.getWorksheet("Risk")!.actualRowCount;
    const one = await run(["simulate", two[0], "--iterations", "20", "--xlsx", xlsx]);
    expect([one.code, one.stderr]).toEqual([0, ""]);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(xlsx);
    const risk = wb2.getWorksheet("Risk")!;
    expect(risk.actualRowCount).toBeLessThan(lastRow);
    expect(String(risk.getCell("A3").value)).toMatch(/^CFS Targeted Prevention/);
  });

  it("refuses a sheet named Risk that MTFS Benefits did not write", async () => {
    const xlsx = join(dir, "risk-theirs.xlsx");
    const made = await run(["new", "--input", example("cfs-targeted-prevention.json"), "--into", xlsx]);
    expect(made.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    wb.addWorksheet("risk").getCell("A1").value = "my own notes";
    await wb.xlsx.writeFile(xlsx);
    const r = await run([
      "simulate",
      example("cfs-targeted-prevention.json"),
      "--iterations",
      "10",
      "--xlsx",
      xlsx,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a sheet named "risk" already exists and MTFS Benefits did not write it');
  });

  it("reads a demand model the proposal names by file", async () => {
    const model = JSON.parse(readFileSync(example("national-children-in-care-500k.json"), "utf8"));
    writeFileSync(join(dir, "model-500k.json"), JSON.stringify(model));
    const named = join(dir, "named-demand.json");
    writeFileSync(
      named,
      JSON.stringify({
        ...cfsJson,
        $schema: undefined,
        assumptions: {
          ...(cfsJson.assumptions as object),
          baseline: { demand: { model: "model-500k.json", measure: "entries" } },
        },
      }),
    );
    const s = await run(["simulate", named, "--iterations", "10", "--format", "json"]);
    expect([s.code, s.stderr]).toEqual([0, ""]);
    const t = await run(["calc", "sensitivity", named, "--format", "json"]);
    expect([t.code, t.stderr]).toEqual([0, ""]);
  });
});

describe("mtfs-benefits calc sensitivity", () => {
  it("holds a default end at its bound rather than refusing it: no one-sided bar (issue 14)", async () => {
    for (const f of ["income-maximisation.json", "reablement.json"]) {
      const t = await run(["calc", "sensitivity", "--input", example(f)]);
      expect([t.code, t.stderr]).toEqual([0, ""]);
      expect(t.stdout).not.toMatch(/refused/);
      expect(t.stdout).toMatch(/(low|high) held at /);
    }
    const t = await run(["calc", "sensitivity", "--input", example("reablement.json")]);
    expect(t.stdout).toContain(
      "Ramp point 2: share of the full impact (% of the impact): high held at 1 (a share)",
    );
  });

  it("says an input that moves only the MTFS row has no swing on the quantified opportunity, not a bare '-'", async () => {
    const t = await run(["calc", "sensitivity", "--input", example("reablement.json")]);
    expect([t.code, t.stderr]).toEqual([0, ""]);
    const row = t.stdout.split("\n").find((l) => l.startsWith("Inflation on the stream's saving"));
    expect(row).toMatch(/ MTFS row only$/);
    expect(t.stdout).toMatch(
      /^Inflation on the stream's saving \(% a year, from 1 April\): moves only the MTFS row \(£[\d.]+m at low, £[\d.]+m at high\), not the quantified opportunity$/m,
    );
    const j = await run(["calc", "sensitivity", "--input", example("reablement.json"), "--format", "json"]);
    const json = JSON.parse(j.stdout) as {
      opportunity: number;
      rows: {
        input: string;
        opportunityAtLow: number;
        mtfsAtLow: number;
        mtfs: number;
        movesOnlyMtfsRow?: true;
      }[];
    };
    const flagged = json.rows.filter((r) => r.movesOnlyMtfsRow);
    expect(flagged.map((r) => r.input)).toEqual(["streams[0].inflationPerYear"]);
    for (const r of flagged) expect(r.opportunityAtLow).toBeCloseTo(json.opportunity, 2);
  });

  it("prints the tornado, largest swing first, and JSON in £", async () => {
    const t = await run(["calc", "sensitivity", "--input", example("cfs-targeted-prevention.json")]);
    expect(t.code).toBe(0);
    const lines = t.stdout.split("\n");
    expect(lines[0]).toBe(
      "CFS Targeted Prevention: sensitivity of the quantified opportunity (FY29/30, net benefit £1.10m)",
    );
    expect(lines[2]).toMatch(/^Weekly unit cost \(£ a week\) +£1,338 +£1,636 +£0\.77m +£1\.44m +£0\.67m$/);
    const j = await run([
      "calc",
      "sensitivity",
      "--input",
      example("cfs-targeted-prevention.json"),
      "--format",
      "json",
    ]);
    const json = JSON.parse(j.stdout) as { opportunity: number; rows: { input: string; swing: number }[] };
    expect(json.opportunity).toBeCloseTo(1104079.71, 1);
    expect(json.rows.find((r) => r.input === "durationWeeks")?.swing).toBe(0);
  });
});

describe("mtfs-benefits calc sensitivity: small swings", () => {
  it("prints a swing below £0.1m in £k, as the sheet's tornado shows it", async () => {
    const r = await run(["calc", "sensitivity", "--input", example("cfs-targeted-prevention.json")]);
    expect(r.code).toBe(0);
    const rollout = /^Rollout \(months\) .*$/m.exec(r.stdout)?.[0] ?? "";
    // In £m this swing of about £81k read £0.08m, beside inputs a few £k apart that read the same.
    expect(rollout).toMatch(/ £\d\d\.\dk$/);
    expect(/^Weekly unit cost .*$/m.exec(r.stdout)?.[0]).toMatch(/ £0\.\d\dm$/);
  });
});

describe("mtfs-benefits calc sensitivity: inputs as the sheets word them (new-user trial)", () => {
  it("names each input in the Risk sheet's words with its ends in its unit, the JSON keeping the path", async () => {
    const r = await run(["calc", "sensitivity", "--input", example("cfs-targeted-prevention.json")]);
    expect(r.code).toBe(0);
    // The sheet says "Target (% of starts) 7.2%", not "target.value 0.072"; a plain input to 2 dp.
    expect(r.stdout).toMatch(/^Target \(% of starts\) +7\.2% +8\.8% /m);
    expect(r.stdout).toMatch(/^Lead time before impact \(months\) +7\.65 +9\.35 /m);
    // CFS's duration outlasts the MTFS, so it moves nothing: not ranked, named in the line beneath.
    expect(r.stdout).toMatch(
      /^1 input changes nothing at its low or high, so is not shown: Average duration \(weeks\)\.$/m,
    );
    expect(r.stdout).not.toMatch(/target\.value|unitCost\.|\[\d+\]/);
    const j = await run([
      "calc",
      "sensitivity",
      "--input",
      example("cfs-targeted-prevention.json"),
      "--format",
      "json",
    ]);
    const rows = (JSON.parse(j.stdout) as { rows: { input: string; caption: string }[] }).rows;
    expect(rows.find((x) => x.input === "target.value")?.caption).toBe("Target (% of starts)");
  });

  it("words a single-stream proposal's inputs without 'Stream 1:' and a simulation's draws without paths", async () => {
    const t = await run(["calc", "sensitivity", "--input", example("cfs-commissioning-for-the-future.json")]);
    expect(t.stdout).toMatch(/^Weekly cost in the new provision \(£ a week\) +£10,499 +£12,832 /m);
    expect(t.stdout).not.toMatch(/Stream 1:|streams\[/);
    const s = await run(["simulate", "--input", example("income-maximisation.json"), "--iterations", "50"]);
    const drawn = /^Drawn from a distribution: .*$/m.exec(s.stdout)?.[0] ?? "";
    expect(drawn).toContain("Stream 2: Income line 1: amount (£ a year)");
    expect(drawn).not.toMatch(/streams\[|volumePerYear/);
  });
});
