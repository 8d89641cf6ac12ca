import {
  Decimal,
  aheadOfPlanText,
  describeReprofile,
  reprofile,
  reprofiledActualsText,
} from "../../src/engine";
import { exampleInput } from "./tracking.fixtures";

const cfs = exampleInput("cfs-targeted-prevention.json");
const month = (period: string, value: number) => ({ period, value: new Decimal(value) });

describe("reprofile words", () => {
  it("says a reprofile from one period is indicative only once, in the note beside its reading", () => {
    const r = reprofile(cfs, [month("2027-12", 0)]);
    expect(r.indicative).toBe(true);
    expect(describeReprofile(r)).toMatch(/^a later start: \d+ days /);
    expect(describeReprofile(r)).not.toMatch(/indicative/);
    expect(r.indicativeNote).toMatch(
      /^the reprofile is indicative only: 1 period \(2027-12\) of actuals cannot tell/,
    );
    // The same note the CLI prints as a warning.
    expect(r.warnings).toContain(r.indicativeNote);
    expect(aheadOfPlanText(r)).toBeUndefined();
  });

  it("from three periods is neither indicative nor noted", () => {
    const r = reprofile(cfs, [month("2027-10", 0), month("2027-11", 0), month("2027-12", 1)]);
    expect(r.indicative).toBeUndefined();
    expect(r.indicativeNote).toBeUndefined();
  });

  it("says why none is proposed at or ahead of the plan, naming the actuals fitted", () => {
    const r = reprofile(cfs, [month("2027-10", 40), month("2027-11", 40), month("2027-12", 40)]);
    expect(describeReprofile(r)).toBe("ahead of plan: no reprofile proposed");
    expect(aheadOfPlanText(r)).toBe(
      "The avoided-events actuals are at or ahead of the approved plan (an earlier start or a higher target is not searched).",
    );
    const reading = { kind: "laterStart", days: 0 } as const;
    expect(reprofiledActualsText({ reading, periods: 2, stream: "falls", measure: "saving" })).toBe(
      "falls stream's £ saving actuals",
    );
  });
});
