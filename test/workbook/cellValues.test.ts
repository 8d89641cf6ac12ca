import fc from "fast-check";
import { inputJson, numberText, percentText } from "../../src/workbook/cellValues";

describe("reading an input cell back", () => {
  it("takes a date as Excel and LibreOffice store it: a serial, a Date, or ISO text", () => {
    expect(inputJson(46266, "date")).toBe("2026-09-01");
    expect(inputJson(46266, "date", true)).toBe("2030-09-02");
    expect(inputJson(new Date(Date.UTC(2026, 8, 1)), "date")).toBe("2026-09-01");
    expect(inputJson(" 2026-09-01 ", "date")).toBe("2026-09-01");
    // Not a date: handed on unchanged, so the engine's rule names it.
    expect(inputJson(60, "date")).toBe(60);
    expect(inputJson("soon", "date")).toBe("soon");
  });

  it("takes a percentage as 0.08 or as the text 8%, and never guesses at a bare 8", () => {
    expect(inputJson(0.08, "percent")).toBe(0.08);
    expect(inputJson("8%", "percent")).toBe(0.08);
    expect(inputJson(" 15.7 % ", "percent")).toBe(0.157);
    expect(inputJson("0.08", "percent")).toBe(0.08);
    expect(inputJson(8, "percent")).toBe(8);
    expect(inputJson("-9% to -30%", "percent")).toBe("-9% to -30%");
  });

  it("takes figures kept as text", () => {
    expect(inputJson("1,338", "number")).toBe(1338);
    expect(inputJson(" 260 ", "number")).toBe(260);
    expect(inputJson("£1,487", "number")).toBe(1487);
    expect(inputJson("-£1,338.50", "number")).toBe(-1338.5);
    expect(inputJson("1,2,3", "number")).toBe("1,2,3");
    expect(inputJson("TBC", "number")).toBe("TBC");
  });

  it("reads blanks as absent and leaves text, booleans and choices as stored", () => {
    expect([null, "", "   "].map((v) => inputJson(v, "number"))).toEqual([undefined, undefined, undefined]);
    expect(inputJson(true, "boolean")).toBe(true);
    expect(inputJson(" exit ", "choice")).toBe("exit");
    expect(inputJson("1,338", "text")).toBe("1,338");
  });

  it("reads every figure back from the text a spreadsheet would show for it (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const n = whole + (Math.sign(whole || 1) * cents) / 100;
        const grouped = Math.abs(whole).toLocaleString("en-GB");
        const text = `${n < 0 ? "-" : ""}£${grouped}.${String(cents).padStart(2, "0")}`;
        return (
          numberText(text) === Number(n.toFixed(2)) && percentText(`${whole}%`) === Number(`${whole}e-2`)
        );
      }),
    );
  });
});
