import { parseProposal } from "../../../src/engine";
import { EXAMPLES } from "../../../src/taskpane/examples";
import { rawToDraft } from "../../../src/taskpane/form/draft";
import { validateDraft } from "../../../src/taskpane/form/validate";

/** Beside a field, a rule about another field names that one as the sheet does, not by its code alone. */
describe("the wizard's field messages for rules naming another field", () => {
  it("an investment ending before it starts names its start in words", () => {
    const cfs = rawToDraft(EXAMPLES.find((e) => e.name === "CFS Targeted Prevention")?.raw);
    const investment = [{ ...cfs.investment[0], toDate: "2026-01-01" }];
    const v = validateDraft({ ...cfs, investment }, parseProposal);
    expect(v.errors).toHaveLength(1);
    expect(v.errors[0].path).toBe("assumptions.investment.0.toDate");
    expect(v.errors[0].message).toMatch(/ must not be before "from" \(fromDate\)$/);
  });
});
