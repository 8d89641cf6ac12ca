import { shortCaption } from "../../../src/workbook/layouts/cellWords";

describe("shortCaption (the refresh report's cell words)", () => {
  it("drops a long explanation in brackets and a unit, and keeps a short qualifier", () => {
    expect(shortCaption("Quantified opportunity over MTFS (net of ongoing investment)")).toBe(
      "Quantified opportunity over MTFS",
    );
    expect(shortCaption("Benefits (real)")).toBe("Benefits (real)");
    expect(shortCaption("Weekly unit cost (£)")).toBe("Weekly unit cost");
    expect(shortCaption("Payback reached (years)")).toBe("Payback reached");
    expect(shortCaption("Target\nsecond line")).toBe("Target");
  });

  it("keeps a function's own brackets, with no stray space (new-user trial read 'Excel's NPV ():')", () => {
    expect(shortCaption("Check: the same NPV by Excel's NPV() (year 0 added undiscounted)")).toBe(
      "Check: the same NPV by Excel's NPV()",
    );
    expect(shortCaption("Check: NPV after implementation costs by Excel's NPV(), as above")).toBe(
      "Check: NPV after implementation costs by Excel's NPV(), as above",
    );
  });
});
