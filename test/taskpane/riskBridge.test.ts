import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  COST_AVOIDANCE_NOTE,
  Decimal,
  MTFS_ROW_ONLY,
  computeAssumptions,
  grossByCashability,
  hasCostAvoidance,
  formatMoney,
  parseProposal,
  proposalStretchRows,
  type Profile,
} from "../../src/engine";
import { ENGINE } from "../../src/taskpane/engineBridge";
import { RISK_ENGINE } from "../../src/taskpane/riskBridge";
import { readExample } from "../workbook/fixtures";

const cfsJson = readExample("cfs-targeted-prevention.json");
const cfs = parseProposal(cfsJson);
const computed = computeAssumptions(cfs.assumptions);

describe("the appraisal panel's view", () => {
  it("says a payback of one year in the singular", () => {
    // Spend £1 in the first FY and save £100 in the second: the discounted payback is 1.0 years to 1 dp.
    const years = computed.profile.years.map((y, i) => ({
      ...y,
      costs: new Decimal(i === 0 ? 1 : 0),
      mtfsImpact: new Decimal(i === 0 ? -1 : i === 1 ? 100 : 0),
    }));
    const profile: Profile = { ...computed.profile, years };
    const view = RISK_ENGINE.appraisal({ proposal: cfs, raw: cfsJson, profile, lines: computed.proposal });
    expect(view.greenBook.paybackText).toBe("1 year");
  });
});

describe("the wizard's tornado holds a default end at its bound (issue 14)", () => {
  it("says which end was held and names the bound's input as the pane does", () => {
    const json = readExample("income-maximisation.json");
    const view = RISK_ENGINE.sensitivity(ENGINE.parse(json));
    if ("error" in view) throw new Error(view.error);
    const fee = view.rows.find((r) => r.path === "streams[0].items[0].feePerUnit");
    expect(fee?.note).toMatch(/^low held at 190 \(must not be below Stream 1/);
    expect(fee?.note).not.toMatch(/\[\d+\]/);
    expect(view.rows.some((r) => /refused/.test(r.note ?? ""))).toBe(false);
  });
});

describe("the wizard's tornado leaves out inputs that change nothing", () => {
  it("ranks only inputs that move the figure and names the others in one line", () => {
    // Under a count target the baseline volume moves nothing (the new user's step-down trial).
    const json = readExample("cfs-targeted-prevention.json") as Record<string, any>;
    json.assumptions.target = { kind: "countPerYear", value: 20 };
    const view = RISK_ENGINE.sensitivity(ENGINE.parse(json));
    if ("error" in view) throw new Error(view.error);
    expect(view.rows.map((r) => r.path)).not.toContain("baseline.volumePerYear");
    expect(view.rows.every((r) => r.atLowText !== r.atHighText)).toBe(true);
    expect(view.unmoved).toMatch(/^\d+ inputs? change/);
    expect(view.unmoved).toMatch(/Baseline/);
  });
});

describe("the appraisal panel's stretch (the engine's stretched row)", () => {
  const withStretch = (): Record<string, any> => {
    const raw = readExample("cfs-targeted-prevention.json") as Record<string, any>;
    raw.assumptions.stretch = { target: { ...raw.assumptions.target, value: 0.12 }, note: "12% of starts" };
    return raw;
  };

  it("shows the engine's stretched MTFS row and its uplift", () => {
    const raw = withStretch();
    const rows = proposalStretchRows(parseProposal(raw).assumptions)!;
    const view = RISK_ENGINE.appraisal(ENGINE.parse(raw));
    expect(view.stretch).toEqual({
      extraTexts: rows.uplift.map((x) => formatMoney(x)),
      stretchedTexts: rows.stretched.map((x) => formatMoney(x)),
    });
  });

  it("equals the Stretch scenario `calc scenarios` prints for a programme of that proposal alone", () => {
    // A programme of one modelled row with no stretch of its own (0 in the last MTFS year): the Stretch
    // scenario's benefits are that proposal's confident row plus its own stretch uplift.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-stretch-"));
    fs.writeFileSync(path.join(dir, "proposal.json"), JSON.stringify(withStretch()));
    const fyLabels = ["FY26/27", "FY27/28", "FY28/29", "FY29/30"];
    fs.writeFileSync(
      path.join(dir, "programme.json"),
      JSON.stringify({
        fyLabels,
        mtfsYears: 4,
        directorates: [
          {
            directorate: "Children and Family Services",
            subtotalLabel: "CFS savings",
            rows: [{ opportunity: "CFS Targeted Prevention", example: "proposal.json" }],
          },
        ],
        stretch: { lastMtfsYearMillions: 0 },
        resourceCost: { areas: [] },
      }),
    );
    // The CLI as a user runs it (lib/, built by `npm run build:cli`).
    const stdout = execFileSync(
      process.execPath,
      [
        "bin/mtfs-benefits.js",
        "calc",
        "scenarios",
        "--input",
        path.join(dir, "programme.json"),
        "--format",
        "json",
      ],
      { cwd: path.join(__dirname, "../.."), encoding: "utf8" },
    );
    const cli = JSON.parse(stdout) as {
      scenarios: { name: string; benefits: { fy: string; amount: number }[] }[];
    };
    const stretch = cli.scenarios.find((s) => s.name === "Stretch")!;
    const view = RISK_ENGINE.appraisal(ENGINE.parse(withStretch()));
    const shown = fyLabels.map((fy) => view.stretch!.stretchedTexts[view.years.indexOf(fy)]);
    expect(shown).toEqual(stretch.benefits.map((b) => formatMoney(new Decimal(b.amount))));
    // A stretch that adds something, so the check means something.
    expect(shown).not.toEqual(fyLabels.map((fy) => view.mtfsTexts[view.years.indexOf(fy)]));
  });
});

describe("the wizard's tornado on an input that moves only the MTFS row", () => {
  it("says so in its swing and note, as the CLI and the sheets do, not a bare '-'", () => {
    const view = RISK_ENGINE.sensitivity(ENGINE.parse(readExample("reablement.json")));
    if ("error" in view) throw new Error(view.error);
    const inflation = view.rows.find((r) => r.path === "streams[0].inflationPerYear");
    expect(inflation?.swingText).toBe(MTFS_ROW_ONLY);
    expect(inflation?.note).toMatch(
      /^moves only the MTFS row \(.+ at low, .+ at high\), not the quantified opportunity$/,
    );
    // Every other row keeps its money swing.
    expect(view.rows.filter((r) => r !== inflation).every((r) => r.swingText !== MTFS_ROW_ONLY)).toBe(true);
  });
});

describe("the appraisal panel's cost-avoidance sentence", () => {
  const appraisal = (file: string) => {
    const json = readExample(file);
    const proposal = parseProposal(json);
    const c = computeAssumptions(proposal.assumptions);
    return { view: RISK_ENGINE.appraisal({ proposal, raw: json, profile: c.profile, lines: c.proposal }), c };
  };

  it("is the engine's one sentence, shown exactly when some FY has cost avoidance", () => {
    const files = fs.readdirSync(path.join(__dirname, "../../examples")).filter((f) => {
      const raw = readExample(f) as { assumptions?: unknown; opportunity?: unknown };
      return raw.assumptions !== undefined && raw.opportunity !== undefined;
    });
    const shown = files.map((f) => {
      const { view, c } = appraisal(f);
      expect(view.costAvoidanceNote).toBe(
        hasCostAvoidance(grossByCashability(c.proposal)) ? COST_AVOIDANCE_NOTE : undefined,
      );
      return view.costAvoidanceNote !== undefined;
    });
    // The examples hold both kinds, so the test can tell the two branches apart.
    expect(shown).toContain(true);
    expect(shown).toContain(false);
  });
});
