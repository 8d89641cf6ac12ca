import {
  addCalendarMonths,
  daysBetween,
  daysInFy,
  fyEndDate,
  fyLabel,
  fyOf,
  fyStartDate,
  inflate,
  parseFy,
} from "../../src/engine/fiscalYear";
import { EngineError } from "../../src/engine/errors";

describe("fiscal calendar", () => {
  it("puts 1 April in the new fiscal year and 31 March in the old one", () => {
    expect(fyOf("2026-04-01")).toBe(2026);
    expect(fyOf("2027-03-31")).toBe(2026);
    expect(fyOf("2026-08-01")).toBe(2026);
  });

  it("labels and parses fiscal years both ways", () => {
    expect(fyLabel(2026)).toBe("FY26/27");
    expect(fyLabel(2099)).toBe("FY99/00");
    for (const text of ["FY26/27", "FY 26/27", "2026/27", "2026-27", "fy26/27"])
      expect(parseFy(text)).toBe(2026);
  });

  it("rejects a label whose years do not follow each other", () => {
    expect(() => parseFy("FY26/28")).toThrow(EngineError);
  });

  it("gives the FY boundaries and day counts", () => {
    expect(fyStartDate(2026)).toBe("2026-04-01");
    expect(fyEndDate(2026)).toBe("2027-03-31");
    expect(daysInFy(2026)).toBe(365);
    expect(daysInFy(2027)).toBe(366);
    expect(daysBetween("2026-08-01", "2026-10-17")).toBe(77);
  });

  it("adds calendar months clamped to the month end", () => {
    expect(addCalendarMonths("2026-08-01", 4)).toBe("2026-12-01");
    expect(addCalendarMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-08-01", -5)).toBe("2026-03-01");
  });

  it("inflates in whole 1-April steps and deflates backwards", () => {
    expect(inflate(1000, 2026, 2028, 0.04).toNumber()).toBeCloseTo(1081.6, 10);
    expect(inflate(1040, 2027, 2026, 0.04).toNumber()).toBeCloseTo(1000, 10);
    expect(inflate(1000, 2026, 2026, 0.04).toNumber()).toBe(1000);
  });
});
