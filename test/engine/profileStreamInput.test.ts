import { parseProposal, type ProfileInput } from "../../src/engine";
import { Decimal } from "../../src/engine/money";
import { cohortStreamInputOf, profileStreamInput } from "../../src/engine/profile";
import { readExample } from "./examples";

const cfs = parseProposal(readExample("cfs-targeted-prevention.json")).assumptions.cohort as ProfileInput;

/** The cohort stream's input: a weeks-of-duration overlap shortens the stay; otherwise nothing is copied. */
describe("cohortStreamInputOf", () => {
  it("is the input itself when the overlap leaves the duration as it is (a simulated draw copies nothing)", () => {
    expect(profileStreamInput(cfs)).toBe(cfs);
    expect(cohortStreamInputOf(cfs, { kind: "none" }, cfs.horizon)).toBe(cfs);
  });

  it("shortens the duration by a weeks-of-duration overlap, in a copy", () => {
    const overlap = { kind: "weeksOfDuration", weeks: new Decimal(10) } as const;
    const s = cohortStreamInputOf(cfs, overlap, cfs.horizon);
    expect(s).not.toBe(cfs);
    expect(s.durationWeeks.toString()).toBe(cfs.durationWeeks.minus(10).toString());
    expect(cfs.durationWeeks.toString()).toBe("153.1");
  });

  it("refuses an overlap as long as the stay, naming mtfsOverlap.weeks", () => {
    const overlap = { kind: "weeksOfDuration", weeks: cfs.durationWeeks } as const;
    expect(() => cohortStreamInputOf(cfs, overlap, cfs.horizon)).toThrow(/mtfsOverlap\.weeks/);
  });
});
