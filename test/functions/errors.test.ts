import { EngineError } from "../../src/engine";
import { toCellError } from "../../src/functions/errors";
import { lazyModule } from "../../src/functions/lazy";

describe("toCellError", () => {
  it("maps each engine error code to its Excel error and keeps the field and rule", () => {
    const cases = [
      ["invalid-type", "#VALUE!"],
      ["out-of-range", "#VALUE!"], // Excel drops the message of a #NUM!

      ["missing", "#N/A"],
      ["invalid-date", "#VALUE!"],
      ["unknown-option", "#VALUE!"],
    ] as const;
    for (const [code, excel] of cases) {
      expect(toCellError(new EngineError(code, "durationWeeks", "must be > 0, got -3"))).toEqual({
        kind: "cellError",
        code: excel,
        message: "durationWeeks: must be > 0, got -3",
      });
    }
  });

  it("renames the engine's field to the argument the user typed", () => {
    const e = new EngineError("out-of-range", "timeline.leadMonths", "must be >= 0, got -1");
    expect(toCellError(e, { "timeline.leadMonths": "leadMonths" }).message).toBe(
      "leadMonths: must be >= 0, got -1",
    );
    expect(toCellError(e, (f) => f.toUpperCase()).message).toBe("TIMELINE.LEADMONTHS: must be >= 0, got -1");
  });

  it("says a family that would not load can be retried, rather than call it an unexpected error", async () => {
    const risk = lazyModule("MTFS.SIMULATE and MTFS.SENSITIVITY", () =>
      Promise.reject(new Error("Loading chunk 7 failed.")),
    );
    const failed = await risk.load().catch((e: unknown) => e);
    expect(toCellError(failed)).toEqual({
      kind: "cellError",
      code: "#VALUE!",
      message:
        "the MTFS.SIMULATE and MTFS.SENSITIVITY functions could not be loaded from the add-in's host; recalculate (Ctrl+Alt+F9) to retry",
    });
  });

  it("reports a bug as #VALUE! without pretending it is an input error", () => {
    expect(toCellError(new TypeError("x is undefined"))).toEqual({
      kind: "cellError",
      code: "#VALUE!",
      message: "unexpected error: x is undefined",
    });
  });
});
