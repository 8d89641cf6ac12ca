import { callMtfs, errorOf } from "./register";
import { CFS_RANGE } from "./fixtures/cfsRange";

/** A rule about another field names it as the sheet does, with its key: in the #VALUE! message too. */
describe("rules that name another field, in a custom function's #VALUE!", () => {
  it("a horizon ending before it starts names the first FY in words", () => {
    const range = [...CFS_RANGE, ["Horizon", "FY29/30 to FY27/28"]];
    const e = errorOf(callMtfs("BENEFIT.PROFILE", range));
    expect(e?.code).toBe("#VALUE!");
    expect(e?.message).toMatch(/must not be before "First FY" \(horizon\.firstFy\)$/);
    expect(e?.message).not.toMatch(/before firstFy/);
  });
});
