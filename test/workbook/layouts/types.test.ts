import { formatMoney, NIL_MONEY_TEXT } from "../../../src/engine";
import { toWrite } from "../../../src/workbook/ownedCells";
import {
  MILLIONS_FORMAT,
  NIL_MONEY_FORMAT,
  PERCENT_FORMAT,
  SMALL_MONEY_FORMAT,
  cellNumberFormat,
} from "../../../src/workbook/layouts/types";

describe("a £m cell's number format follows its figure", () => {
  const at = (value: number, kind: "engine" | "formula" = "engine") =>
    toWrite(
      kind === "engine"
        ? { kind, address: "B2", key: "k", value, numberFormat: MILLIONS_FORMAT }
        : { kind, address: "B2", key: "k", formula: "C2-C1", value, numberFormat: MILLIONS_FORMAT },
    ).numberFormat;

  it("shows a figure below £0.1m in £k, as the text does (−£1,200 was -£0.00m)", () => {
    expect([-1_200, -54_512, 99_999].map((v) => at(v))).toEqual([
      SMALL_MONEY_FORMAT,
      SMALL_MONEY_FORMAT,
      SMALL_MONEY_FORMAT,
    ]);
    expect([0, 100_000, -1_104_080].map((v) => at(v))).toEqual([
      MILLIONS_FORMAT,
      MILLIONS_FORMAT,
      MILLIONS_FORMAT,
    ]);
    expect(formatMoney(-1_200)).toBe("-£1.2k");
  });

  it("shows a figure under £50 as zero, engine value or formula, as the text does (a formula showed -£0.0k)", () => {
    expect([at(-0.3), at(-20, "formula"), at(49.9, "formula")]).toEqual([
      NIL_MONEY_FORMAT,
      NIL_MONEY_FORMAT,
      NIL_MONEY_FORMAT,
    ]);
    expect([-0.3, -20, 0].map((v) => formatMoney(v))).toEqual([
      NIL_MONEY_TEXT,
      NIL_MONEY_TEXT,
      NIL_MONEY_TEXT,
    ]);
    expect(NIL_MONEY_FORMAT.split(";")).toEqual(MILLIONS_FORMAT.split(";").map(() => `"${NIL_MONEY_TEXT}"`));
    expect(MILLIONS_FORMAT.split(";")[2]).toBe(`"${NIL_MONEY_TEXT}"`);
  });

  it("keeps a live formula's £m format whatever it caches: it may recalculate to −£2m before the next refresh", () => {
    expect([-0.3, -20, -54_512, 1_104_080].map((v) => cellNumberFormat(MILLIONS_FORMAT, v, true))).toEqual([
      MILLIONS_FORMAT,
      MILLIONS_FORMAT,
      MILLIONS_FORMAT,
      MILLIONS_FORMAT,
    ]);
  });

  it("leaves an input's format as its layout gives it: refresh never rewrites an input", () => {
    const input = toWrite({
      kind: "input",
      address: "B3",
      path: "existingMtfs[0].amount",
      value: -1_200,
      numberFormat: MILLIONS_FORMAT,
    });
    expect(input.numberFormat).toBe(MILLIONS_FORMAT);
  });

  it("leaves every other format alone", () => {
    expect(cellNumberFormat(PERCENT_FORMAT, 0.05)).toBe(PERCENT_FORMAT);
    expect(cellNumberFormat(MILLIONS_FORMAT, "")).toBe(MILLIONS_FORMAT);
    expect(cellNumberFormat(undefined, 5)).toBeUndefined();
  });
});
