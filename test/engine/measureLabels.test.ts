import fc from "fast-check";
import { MEASURE_LABELS, measureKey, measureLabel } from "../../src/engine";

describe("measure labels: one table of words", () => {
  const keys = Object.keys(MEASURE_LABELS);

  it("reads a measure's words in any case, or its key, back as its key (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.array(fc.boolean(), { maxLength: 60 }), (key, upper) => {
        const cased = [...measureLabel(key)].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase()));
        return measureKey(` ${cased.join("")} `) === key && measureKey(key) === key;
      }),
    );
  });

  it("words each key differently, so words name one measure", () => {
    const words = Object.values(MEASURE_LABELS).map((w) => w.toLowerCase());
    expect(new Set(words).size).toBe(words.length);
  });

  it("leaves text it does not know as it is (trimmed), for the check to name", () => {
    expect(measureKey(" hours ")).toBe("hours");
    expect(measureLabel("hours")).toBe("hours");
  });
});
