import { callMtfs, errorOf } from "./register";
import { CFS_RANGE } from "./fixtures/cfsRange";

// Issue 13, strict input, in a cell: a range label written as a JSON path the format lacks is #VALUE!
// naming the label and the nearest known field (it used to be dropped without a word).
describe("MTFS functions refuse unknown fields in an assumptions range", () => {
  it("a misspelt JSON-path label is #VALUE! with 'did you mean'", () => {
    const e = errorOf(callMtfs("QUANTIFIED", [...CFS_RANGE, ["unitCost.weeklyCosts", 1500]]));
    expect([e?.code, e?.message]).toEqual([
      "#VALUE!",
      '"unitCost.weeklyCosts" (row 16): unknown field; did you mean weeklyCost?',
    ]);
  });

  it("a key the format lacks is #VALUE! naming it", () => {
    const e = errorOf(callMtfs("QUANTIFIED", [...CFS_RANGE, ["optimismBias", 0.5]]));
    expect([e?.code, e?.message]).toEqual(["#VALUE!", '"optimismBias" (row 16): unknown field']);
  });

  it("a percent target of 8 (800%) is #VALUE! saying how to write 8%", () => {
    const range = CFS_RANGE.map((r) => (r[0] === "Target %" ? ["Target %", 8] : r));
    const e = errorOf(callMtfs("QUANTIFIED", range));
    expect(e?.code).toBe("#VALUE!");
    expect(e?.message).toContain('for 8% write 0.08 or "8%"');
  });

  it("an unknown plain-English label suggests the nearest known label", () => {
    const e = errorOf(callMtfs("QUANTIFIED", [...CFS_RANGE, ["Weekly unit costs", 1500]]));
    expect([e?.code, e?.message]).toEqual([
      "#VALUE!",
      'assumptions row 16: "Weekly unit costs" is not an assumption label; did you mean "weekly unit cost"?',
    ]);
  });
});
