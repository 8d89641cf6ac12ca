import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main, type Io } from "../../src/cli";
import { buildCliInPlace } from "./buildCli";
import { run } from "./workbookCli";

const root = join(__dirname, "../..");
const examplePath = (name: string): string => join(root, "examples", name);
const exampleJson = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(examplePath(name), "utf8"));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mtfs-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a temp file from an inline spec and returns its path. */
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("mtfs-benefits calc triangulation", () => {
  it("prints the CFS table as the proposal does", async () => {
    const r = await run([
      "calc",
      "triangulation",
      "--input",
      examplePath("cfs-targeted-prevention-triangulation.json"),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const best = r.stdout.split("\n").find((l) => l.startsWith("Best statistical neighbour"));
    expect(best?.split(/\s{2,}/).slice(1)).toEqual(["26%", "68", "600"]);
  });

  it("prints JSON with whole numbers and ranges", async () => {
    const r = await run([
      "calc",
      "triangulation",
      "--input",
      examplePath("family-based-placements-triangulation.json"),
      "--format=json",
    ]);
    const json = JSON.parse(r.stdout);
    expect(json.rows[5].caseloadInHorizon).toEqual({ low: 106, high: 138 });
    expect(json.rows[1].childrenPerMonth).toBe(3);
  });

  it("accepts a whole proposal and uses its triangulation block", async () => {
    const proposal = {
      opportunity: { name: "x" },
      triangulation: exampleJson("cfs-targeted-prevention-triangulation.json"),
    };
    const r = await run(["calc", "triangulation", file("proposal-tri.json", proposal), "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows[10].caseloadByEndOfMtfs).toBe(775);
  });
});

describe("mtfs-benefits calc edge-of-care", () => {
  it("prints the MST summary in £k", async () => {
    const r = await run(["calc", "edge-of-care", "--input", examplePath("edge-of-care-mst.json")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("£4,226k");
    expect(r.stdout).toContain("£3,518k");
  });

  it("rolls up a set of programmes in JSON", async () => {
    const r = await run([
      "calc",
      "edge-of-care",
      "--input",
      examplePath("edge-of-care-mst-fft-rollup.json"),
      "--format",
      "json",
    ]);
    const json = JSON.parse(r.stdout);
    expect(json.programmes).toHaveLength(2);
    expect(json.rollup.programme).toBe("MST standard + FFT");
    expect(json.rollup.periods[0].childrenStarted).toBe(139);
  });
});

describe("mtfs-benefits calc profile", () => {
  it("prints JSON with years, quantified opportunity, full run rate and time to it, money in £", async () => {
    const r = await run([
      "calc",
      "profile",
      "--input",
      examplePath("cfs-targeted-prevention.json"),
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json.years[0])).toEqual(
      expect.arrayContaining(["fy", "gross", "costs", "overlap", "cumulative", "inYear"]),
    );
    expect(json.years[0].fy).toBe("FY26/27");
    // Money is in £ (not £m): FY26/27 is about −£0.50m (seeds/000 line 91), so hundreds of thousands.
    expect(Math.abs(json.years[0].cumulative)).toBeGreaterThan(100_000);
    expect(json.fullRunRate.fy).toBe("FY31/32");
    expect(typeof json.timeToFullRunRateYears).toBe("number");
    const last = json.years.find((y: { fy: string }) => y.fy === "FY29/30");
    expect(json.quantifiedOpportunity).toBe(last.cumulative);
  });

  it("prints the table as the proposal template does (£m, 2 dp)", async () => {
    const r = await run(["calc", "profile", "--input", examplePath("cfs-targeted-prevention.json")]);
    expect(r.stdout).toMatch(/FY 26\/27\s+-£0\.50m\s+-£0\.50m/);
    expect(r.stdout).toContain("Quantified opportunity over the MTFS (FY 29/30):");
    expect(r.stdout).toContain("Full run rate:");
  });

  it("prints the published figures beside ours when the proposal has them, and only then", async () => {
    const proposal = exampleJson("cfs-targeted-prevention.json");
    const withPublished = await run([
      "calc",
      "profile",
      "--input",
      examplePath("cfs-targeted-prevention.json"),
    ]);
    expect(withPublished.stdout).toContain("Published cumulative");
    const { published: _published, ...bare } = proposal;
    const without = await run(["calc", "profile", "--input", file("bare.json", bare)]);
    expect(without.code).toBe(0);
    expect(without.stdout).not.toContain("Published");
  });

  it("prints an inflation contingency held centrally in brackets, as Adults proposals do", async () => {
    const { published: _published, ...proposal } = exampleJson("cfs-targeted-prevention.json");
    const assumptions = proposal.assumptions as { unitCost: object };
    const held = {
      ...proposal,
      assumptions: { ...assumptions, unitCost: { ...assumptions.unitCost, inflationContingency: true } },
    };
    const table = await run(["calc", "profile", "--input", file("held.json", held)]);
    expect(table.stdout).toContain("Cumulative benefit (inflation contingency)");
    // FY26/27 is the price base, so it carries no contingency; FY29/30 carries three 4% steps.
    // No contingency reads as a nil figure does everywhere (formatMoney: "-").
    expect(table.stdout).toMatch(/FY 26\/27\s+-£0\.50m \(-\)\s+-£0\.50m \(-\)/);
    expect(table.stdout).toMatch(
      /Quantified opportunity over the MTFS \(FY 29\/30\): £\d\.\d\dm \(£0\.[1-9]\dm\)/,
    );
    const json = JSON.parse(
      (await run(["calc", "profile", "--input", file("held.json", held), "--format", "json"])).stdout,
    );
    const fy2930 = json.years.find((y: { fy: string }) => y.fy === "FY29/30");
    expect(fy2930.mtfsImpact).toBeCloseTo(fy2930.cumulative + fy2930.inflationContingency, 2);
    expect(json.quantifiedOpportunityInflationContingency).toBe(fy2930.inflationContingency);
    expect(json.fullRunRate.inflationContingency).toBeGreaterThan(fy2930.inflationContingency);
    const plain = await run(["calc", "profile", "--input", examplePath("cfs-targeted-prevention.json")]);
    expect(plain.stdout).not.toContain("inflation contingency");
  });

  it("turns a bad assumption into exit 2 and one line naming the field and rule", async () => {
    const proposal = exampleJson("cfs-targeted-prevention.json");
    const bad = { ...proposal, assumptions: { ...(proposal.assumptions as object), durationWeeks: -3 } };
    const r = await run(["calc", "profile", "--input", file("bad.json", bad)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("mtfs-benefits: assumptions.durationWeeks: must be > 0, got -3\n");
  });
});

describe("mtfs-benefits: usage and file errors are one line and exit 2", () => {
  const oneLineExit2 = async (argv: readonly string[], pattern: RegExp): Promise<void> => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+/); // no stack frames
  };

  it("reports a missing file", () =>
    oneLineExit2(["calc", "profile", "--input", join(dir, "nope.json")], /nope\.json: file not found/));
  it("reports a file that is not JSON", () =>
    oneLineExit2(["calc", "edge-of-care", "--input", file("broken.json", "{ not json")], /not valid JSON/));
  it("names a CSV file as such instead of quoting JSON.parse", () =>
    oneLineExit2(
      ["calc", "profile", "--input", file("proposal.csv", "Opportunity,Value\nTarget,8%\n")],
      /proposal\.csv: is a CSV file, not JSON \(the input format is in schema\/ and examples\/\)\n$/,
    ));
  it("quotes a malformed file's start whole, its line breaks escaped", () =>
    oneLineExit2(
      ["calc", "profile", "--input", file("lines.json", "a,b\n1,2\n")],
      /lines\.json: not valid JSON \(Unexpected token 'a', "a,b\\n1,2\\n" is not valid JSON\)\n$/,
    ));
  it("reports an unknown option", () =>
    oneLineExit2(["calc", "profile", "--inptu", "x.json"], /unknown option --inptu/));
  it("reports an unknown calculation", () =>
    oneLineExit2(["calc", "budget", "--input", "x"], /unknown calculation/));
  it("reports an unknown command", () => oneLineExit2(["frobnicate"], /unknown command "frobnicate"/));
  it("reports a missing --input", () =>
    oneLineExit2(["calc", "triangulation"], /--input FILE.json is required/));
  it("reports a bad --format", () =>
    oneLineExit2(
      [
        "calc",
        "triangulation",
        "--input",
        examplePath("cfs-targeted-prevention-triangulation.json"),
        "--format",
        "xml",
      ],
      /--format must be one of table, json/,
    ));
  it("reports an engine error in a triangulation row", () =>
    oneLineExit2(
      [
        "calc",
        "triangulation",
        "--input",
        file("tri.json", {
          baselineStarts: 1,
          mtfsCaseload: 1,
          rows: [{ method: "x", percentChange: "much" }],
        }),
      ],
      /^mtfs-benefits: rows\[0\]\.percentChange: must be a number, got "much"/,
    ));
  it("reports JSON that is not an object", () =>
    oneLineExit2(["calc", "edge-of-care", file("list.json", [1])], /must be an object/));
});

describe("mtfs-benefits: help and unexpected errors", () => {
  it("lists every command in --help and prints a command's help", async () => {
    const top = await run(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("calc");
    const calc = await run(["calc", "--help"]);
    expect(calc.stdout).toContain("Usage: mtfs-benefits calc");
  });

  it("turns an unexpected error into exit 1 and a short message without a stack", async () => {
    let stderr = "";
    const io: Io = { out: () => undefined, err: (t) => void (stderr += t) };
    const boom = {
      name: "boom",
      summary: "",
      help: "",
      run: async (): Promise<number> => Promise.reject(new TypeError("x is undefined")),
    };
    expect(await main(["boom"], io, [boom])).toBe(1);
    expect(stderr).toBe("mtfs-benefits: unexpected error (TypeError: x is undefined); please report it");
  });
});

describe("bin/mtfs-benefits.js", () => {
  it("runs the compiled CLI (npm run build:cli) and exits with its code", () => {
    // Built as `npm run build:cli` builds, each file replaced whole: other workers' suites run lib/ meanwhile.
    buildCliInPlace(root);
    const ok = spawnSync(
      process.execPath,
      [
        "bin/mtfs-benefits.js",
        "calc",
        "triangulation",
        "--input",
        "examples/cfs-targeted-prevention-triangulation.json",
      ],
      { cwd: root, encoding: "utf8" },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("Best statistical neighbour");
    const bad = spawnSync(
      process.execPath,
      ["bin/mtfs-benefits.js", "calc", "profile", "--input", "missing.json"],
      { cwd: root, encoding: "utf8" },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("mtfs-benefits: missing.json: file not found\n");
  });
});

describe("calc profile: small figures in £k, as the sheets and simulate show them (new-user trial)", () => {
  it("prints Income Maximisation's FY26/27 as £83.9k (not £0.08m) and CFS's small risk-adjusted row in £k", async () => {
    const income = await run(["calc", "profile", "--input", examplePath("income-maximisation.json")]);
    expect(income.code).toBe(0);
    expect(income.stdout).toMatch(/^FY 26\/27 +£83\.9k +£83\.9k /m);
    // Every £ figure below £0.1m is in £k: none reads £0.0Xm.
    expect(income.stdout).not.toMatch(/£0\.0[1-9]m/);
    const cfs = await run([
      "calc",
      "profile",
      "--input",
      examplePath("cfs-commissioning-for-the-future.json"),
    ]);
    expect(cfs.stdout).not.toMatch(/£0\.0[1-9]m/);
  });
});
