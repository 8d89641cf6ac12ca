import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { profileTable } from "../../src/cli/render/profile";
import { computeProfile, parseProposal } from "../../src/engine";
import { run } from "./workbookCli";

/** `calc profile` adds the Green Book view and the risk-adjusted MTFS row under what it printed before. */

const root = join(__dirname, "../..");
const examplePath = (name: string): string => join(root, "examples", name);
const exampleJson = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(examplePath(name), "utf8"));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mtfs-cli-gb-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const CFS = "cfs-targeted-prevention.json";
type Year = { fy: string; mtfsImpact: number; riskAdjusted: number; presentValue: number };

describe("calc profile: Green Book view and risk-adjusted row", () => {
  it("keeps the profile table as it was and adds the new lines under it", async () => {
    const proposal = parseProposal(exampleJson(CFS));
    const before = profileTable(proposal, computeProfile(proposal.assumptions.cohort!));
    const r = await run(["calc", "profile", "--input", examplePath(CFS)]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`${before}\n\nGreen Book view (FY26/27 prices, deflated 2.0% a year;`)).toBe(
      true,
    );
    expect(r.stdout).toMatch(/Net present value: -?£\d+\.\d\dm/);
    expect(r.stdout).toMatch(/Benefit–cost ratio: \d+\.\d\d/);
    expect(r.stdout).toMatch(/Discounted payback: \d+\.\d years/);
    // The proposal is "Low" confidence: 40% off benefits by default; FY26/27 is all cost, so unchanged.
    expect(r.stdout).toContain(
      "Risk-adjusted MTFS row (confidence Low: optimism bias takes 40% off benefits;",
    );
    expect(r.stdout).toMatch(/FY 26\/27\s+-£0\.50m\s+-£0\.50m\n/);
  });

  it("adds greenBook and riskAdjusted to the JSON, the risk-adjusted row never above the MTFS row", async () => {
    const r = await run(["calc", "profile", "--input", examplePath(CFS), "--format", "json"]);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(["opportunity", "years", "quantifiedOpportunity", "greenBook", "riskAdjusted"]),
    );
    const gb = json.greenBook;
    expect([gb.discount, gb.deflatorPerYear, gb.priceBase]).toEqual(["standard", 0.02, "FY26/27"]);
    const sum = gb.years.reduce((s: number, y: Year) => s + y.presentValue, 0);
    expect(gb.npv).toBeCloseTo(sum, 0);
    // Year 0 is undiscounted and in its own prices: benefits − costs is the MTFS row.
    expect(gb.years[0].discountFactor).toBe(1);
    expect(gb.years[0].benefits - gb.years[0].costs).toBeCloseTo(json.years[0].mtfsImpact, 2);
    expect(json.riskAdjusted.confidence).toBe("Low");
    json.riskAdjusted.years.forEach((y: Year) => expect(y.riskAdjusted).toBeLessThanOrEqual(y.mtfsImpact));
  });

  it("gives the plain sum of the MTFS row at 0% discount and 0% deflator", async () => {
    const r = await run([
      "calc",
      "profile",
      "--input",
      examplePath(CFS),
      "--format",
      "json",
      "--discount",
      "0",
      "--deflator",
      "0%",
    ]);
    const json = JSON.parse(r.stdout);
    const total = json.years.reduce((s: number, y: Year) => s + y.mtfsImpact, 0);
    expect(json.greenBook.npv).toBeCloseTo(total, 1);
  });

  it("prints no risk-adjusted row for a proposal without a confidence level", async () => {
    const raw = exampleJson(CFS);
    const { confidence: _c, ...opportunity } = raw.opportunity as Record<string, unknown>;
    const path = file("no-confidence.json", { ...raw, opportunity });
    const table = await run(["calc", "profile", "--input", path]);
    expect(table.stdout).toContain("Net present value:");
    expect(table.stdout).not.toContain("Risk-adjusted");
    expect(
      JSON.parse((await run(["calc", "profile", "--input", path, "--format", "json"])).stdout).riskAdjusted,
    ).toBeNull();
  });

  it("refuses a bad --discount in one line, and --deflator outside calc profile", async () => {
    const bad = await run(["calc", "profile", "--input", examplePath(CFS), "--discount", "treasury"]);
    expect([bad.code, bad.stderr.trimEnd().split("\n").length]).toEqual([2, 1]);
    expect(bad.stderr).toMatch(/--discount/);
    const other = await run(["calc", "triangulation", "--input", examplePath(CFS), "--deflator", "2%"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--deflator applies to calc profile only/);
  });
  it("says a proposal without costs has nothing to pay back, in the table and the JSON alike", async () => {
    const input = examplePath("income-maximisation.json");
    const table = await run(["calc", "profile", "--input", input]);
    expect(table.stdout).toContain("Discounted payback: n/a (no costs)");
    const gb = JSON.parse(
      (await run(["calc", "profile", "--input", input, "--format", "json"])).stdout,
    ).greenBook;
    // null as the ratio is, not a 0-year payback beside "n/a (no costs)".
    expect([gb.benefitCostRatio, gb.discountedPaybackYears, gb.discountedPaybackText]).toEqual([
      null,
      null,
      "n/a (no costs)",
    ]);
    const cfs = JSON.parse(
      (await run(["calc", "profile", "--input", examplePath(CFS), "--format", "json"])).stdout,
    );
    expect(cfs.greenBook.discountedPaybackText).toBe(
      `${cfs.greenBook.discountedPaybackYears.toFixed(1)} years`,
    );
  });
});
