import { formatMoney } from "../../../src/engine";
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

  it("shows an engine value that rounds to nothing as zero, and keeps a formula's sign", () => {
    expect(at(-0.3)).toBe(NIL_MONEY_FORMAT);
    // A formula may recalculate to −£2m before the next refresh: its format must keep the minus sign.
    expect(at(-0.3, "formula")).toBe(SMALL_MONEY_FORMAT);
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
    expect(cellNumberFormat(PERCENT_FORMAT, 0.05, "engine")).toBe(PERCENT_FORMAT);
    expect(cellNumberFormat(MILLIONS_FORMAT, "", "formula")).toBe(MILLIONS_FORMAT);
    expect(cellNumberFormat(undefined, 5, "engine")).toBeUndefined();
  });
});
