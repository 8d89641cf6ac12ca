import { Decimal, drivenMeasures, type OperationalMeasure } from "../../src/engine";

const measure = (key: string, value: number): OperationalMeasure => ({
  key,
  label: key,
  unit: "units",
  value: new Decimal(value),
});

describe("drivenMeasures", () => {
  it("keeps a measure that is not zero in some FY and leaves out one that is zero in every FY", () => {
    const line = {
      years: [
        { measures: [measure("unitsCharged", 0), measure("extraIncome", 0)] },
        { measures: [measure("unitsCharged", 0), measure("extraIncome", 3)] },
      ],
    };
    expect(drivenMeasures(line).map((m) => m.key)).toEqual(["extraIncome"]);
  });

  it("is empty for a stream without years", () => {
    expect(drivenMeasures({ years: [] })).toEqual([]);
  });
});
