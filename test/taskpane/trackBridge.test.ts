import fs from "node:fs";
import path from "node:path";
import { formatSlippage, parseProposal, slippageText, trackAssumptions, Decimal } from "../../src/engine";
import { actualsFromCsv, trackMeasures, trackOps, trackView } from "../../src/taskpane/trackBridge";
import { readActualsCsv } from "../../src/workbook/actualsCsv";
import { numberText } from "../../src/workbook/cellValues";
import { demoWorkbook } from "../workbook/fixtures";

/** The Track tab's slippage is the engine's words (slippageText), as `track report` and the Dashboard say it. */

const example = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", name), "utf8"));

describe("trackView: slippage in the engine's words, a gap shown not failed", () => {
  it("says n/a (no cohort stream) for a proposal whose streams are none of them a cohort", () => {
    const v = trackView(example("income-maximisation.json"), [
      { stream: "fees", period: "2026-Q3", measure: "saving", value: "5000" },
    ]);
    expect(v.kind === "tracked" && v.slippage).toBe("n/a (no cohort stream)");
  });

  it("gives each cohort stream's slippage when two have avoided events", () => {
    const raw = example("reunification.json") as { assumptions: { streams: Record<string, unknown>[] } };
    const [first] = raw.assumptions.streams;
    const two = { ...raw, assumptions: { ...raw.assumptions, streams: [first, { ...first, id: "second" }] } };
    const typed = [
      { stream: "reunification", period: "2027-Q1", measure: "avoidedEvents", value: "3" },
      { stream: "second", period: "2027-Q1", measure: "avoidedEvents", value: "15" },
    ];
    const f = trackAssumptions(
      parseProposal(two).assumptions,
      typed.map((t) => ({ ...t, value: new Decimal(t.value) })),
    ).forecast!;
    const v = trackView(two, typed);
    expect(v.kind === "tracked" && v.slippage).toBe(slippageText(f));
    expect(slippageText(f)).toMatch(/^per stream: reunification .*; second /);
    expect(slippageText(f)).not.toBe(formatSlippage(f.slippageMonths));
  });

  it("keeps a gap's variance and RAG, and says why there is no forecast", () => {
    const v = trackView(example("cfs-targeted-prevention.json"), [
      { period: "2027-10", measure: "avoidedEvents", value: "0" },
      { period: "2028-01", measure: "avoidedEvents", value: "1" },
    ]);
    expect(v.kind).toBe("tracked");
    if (v.kind !== "tracked") return;
    expect(v.lines.map((l) => l.rag)).toEqual(["Red"]);
    expect(v.slippage).toBeUndefined();
    expect(v.warnings).toEqual([
      expect.stringMatching(/^No forecast: avoided events 2028-01 leaves a gap after 2027-10/),
    ]);
  });
});

describe("trackMeasures: the chosen stream's own measures, in words", () => {
  it("offers a reablement stream's KPIs, not a cohort's", () => {
    expect(trackMeasures(example("reablement.json"))).toEqual([
      { key: "saving", words: "Saving (£)" },
      { key: "finishers", words: "Extra people finishing reablement" },
      { key: "packagesAvoided", words: "Average people not needing a package" },
    ]);
  });

  it("offers each stream of a proposal its own measures, and the saving alone for a stream it lacks", () => {
    const raw = example("income-maximisation.json");
    expect(trackMeasures(raw, "fees").map((m) => m.words)).toEqual([
      "Saving (£)",
      "Units charged at the new fees",
    ]);
    expect(trackMeasures(raw, "rent")).toEqual([{ key: "saving", words: "Saving (£)" }]);
    expect(trackMeasures({ not: "a proposal" })).toEqual([{ key: "saving", words: "Saving (£)" }]);
  });
});

describe("trackView: a measure in words", () => {
  it("tracks an actual named by its words (any case) as one named by its key", () => {
    const cfs = example("cfs-targeted-prevention.json");
    const byWords = trackView(cfs, [{ period: "2027-10", measure: "avoided EVENTS", value: "1" }]);
    const byKey = trackView(cfs, [{ period: "2027-10", measure: "avoidedEvents", value: "1" }]);
    expect(byWords).toEqual(byKey);
    expect(byKey.kind === "tracked" && byKey.lines.map((l) => l.words)).toEqual(["Avoided events"]);
  });
});

describe("trackOps.checkCsv and actualsFromCsv: one reading of an actual's value", () => {
  const CFS = "CFS Targeted Prevention";

  it("reports a value it cannot read as a figure, as writing it would, rather than checking it as 0", async () => {
    const { port } = await demoWorkbook();
    const ops = trackOps(() => port);
    const rows = [
      { period: "2027-10", measure: "avoidedEvents", value: "0", line: 2 },
      { period: "2027-11", measure: "avoidedEvents", value: "n/a", line: 3 },
    ];
    expect(await ops.checkCsv(CFS, rows, [])).toEqual(['line 3: value: must be a number, got "n/a"']);
    const written = await ops.write(CFS, rows);
    expect(written).toEqual({
      kind: "refused",
      message: 'Not written: actual 2: value: must be a number, got "n/a"; nothing was imported',
    });
  });

  it("gives a CSV's figures as plain numbers the tab reads back, however small or large", () => {
    const csv = [
      "proposal,period,measure,value",
      `${CFS},2027-10,saving,0.0000001`,
      `${CFS},2027-11,saving,12345678901234567890123`,
    ].join("\n");
    const read = actualsFromCsv(csv, CFS);
    if ("problem" in read) throw new Error(read.problem);
    // What `track import` reads from the same lines, and what the tab's rows read back as.
    const imported = readActualsCsv(csv, "the CSV").rows.map((r) => r.value.toNumber());
    expect(read.rows.map((r) => numberText(r.value))).toEqual(imported);
    expect(read.rows[0].value).toBe("0.0000001");
    expect(trackView(example("cfs-targeted-prevention.json"), read.rows).kind).toBe("tracked");
  });
});
