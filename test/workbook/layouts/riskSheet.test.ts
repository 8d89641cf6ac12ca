import { simulate, proposalRiskModel, parseProposal } from "../../../src/engine";
import { riskSheetLayout } from "../../../src/workbook/layouts/riskSheet";
import { readExample } from "../fixtures";

describe("the Risk sheet's layout (new-user trial)", () => {
  it("spans its note over the table in a row tall enough, so it neither cuts off nor overprints row 3", () => {
    const model = proposalRiskModel(parseProposal(readExample("cfs-targeted-prevention.json")));
    const layout = riskSheetLayout(simulate([model], { iterations: 50, seed: 1 }));
    expect(layout.merges).toContain("A2:F2");
    const note = layout.cells.find((c) => c.address === "A2");
    expect(note?.style?.wrap).toBe(true);
    // Two lines across A:F (110 characters wide); one line's height ran the note into the name in row 3.
    expect(layout.rowHeights?.find((h) => h.row === 2)?.height ?? 15).toBeGreaterThanOrEqual(30);
  });
});
