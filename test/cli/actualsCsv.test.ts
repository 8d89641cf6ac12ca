import fc from "fast-check";
import { Decimal } from "../../src/engine";
import { parseActualsCsv } from "../../src/cli/actualsCsv";
import { CliError } from "../../src/cli/errors";

const HEADER = "proposal,stream,period,measure,value";

function errorOf(text: string): string {
  try {
    parseActualsCsv(text, "a.csv");
  } catch (e) {
    if (e instanceof CliError) return e.message;
    throw e;
  }
  return "";
}

describe("parseActualsCsv", () => {
  it("reads the documented columns in any order and case, with quoting, £ and thousands commas", () => {
    const text = [
      "\uFEFFValue,Measure,Period,Proposal",
      "2,avoidedEvents,2027-07,CFS Targeted Prevention",
      '"£12,500.50",saving,2027-Q2,"CFS Targeted Prevention"',
      "",
    ].join("\r\n");
    expect(parseActualsCsv(text, "a.csv")).toEqual([
      {
        line: 2,
        proposal: "CFS Targeted Prevention",
        period: "2027-07",
        measure: "avoidedEvents",
        value: new Decimal(2),
      },
      {
        line: 3,
        proposal: "CFS Targeted Prevention",
        period: "2027-Q2",
        measure: "saving",
        value: new Decimal("12500.5"),
      },
    ]);
  });

  it("keeps a named stream", () => {
    const rows = parseActualsCsv(`${HEADER}\nITT,training,2027-09,peopleCompleting,12\n`, "a.csv");
    expect(rows[0].stream).toBe("training");
  });

  it("takes a measure in the sheets' words (any case) as its key, and counts words and key as one measure", () => {
    const rows = parseActualsCsv(
      `${HEADER}\nCFS,,2027-07,Avoided events,2\nCFS,,2027-07,SAVING (£),100\nITT,fees,2027-07,units charged at the new fees,3\n`,
      "a.csv",
    );
    expect(rows.map((r) => r.measure)).toEqual(["avoidedEvents", "saving", "unitsCharged"]);
    expect(
      errorOf([HEADER, "CFS,,2027-07,Avoided events,2", "CFS,,2027-07,avoidedEvents,2"].join("\n")),
    ).toMatch(/line 3: period: 2027-07 avoidedEvents for CFS is already given on line 2/);
  });

  it("names each bad line and imports nothing", () => {
    const text = [
      HEADER,
      "CFS,,2027-07,avoidedEvents,2",
      "CFS,,July 2027,avoidedEvents,2",
      "CFS,,2027-08,avoidedEvents,two",
      "CFS,,2027-09,avoidedEvents,-1",
      ",,2027-09,saving,100",
    ].join("\n");
    expect(errorOf(text)).toBe(
      'a.csv: line 3: period: must be a month "YYYY-MM" or a fiscal quarter "YYYY-Qn" (the year is the FY\'s first: ' +
        '"2027-Q1" = April to June 2027 and "2027-Q4" = January to March 2028, both of FY27/28), got "July 2027"; ' +
        'line 4: value: must be a number, got "two"; line 5: value: a KPI actual must be ≥ 0, got -1; ' +
        "line 6: proposal: is required; nothing was imported",
    );
  });

  it("refuses the same measure twice for a period, or a quarter over one of its months", () => {
    const text = [HEADER, "CFS,,2027-07,avoidedEvents,2", "CFS,,2027-Q2,avoidedEvents,6"].join("\n");
    expect(errorOf(text)).toMatch(
      /line 3: period: 2027-Q2 overlaps 2027-07 on line 2 \(avoidedEvents for CFS\)/,
    );
    // A month of the other measure is no clash.
    expect(errorOf([HEADER, "CFS,,2027-07,avoidedEvents,2", "CFS,,2027-07,saving,6"].join("\n"))).toBe("");
  });

  it("refuses an unknown or missing column on line 1", () => {
    expect(errorOf("proposal,period,measure,amount\n")).toMatch(
      /^a\.csv: line 1: unknown column "amount", no "value" column/,
    );
    expect(errorOf("")).toMatch(/is empty/);
  });

  it("fails whenever any line is bad, naming exactly the bad lines (property)", () => {
    const good = fc.record({
      value: fc.integer({ min: 0, max: 10_000 }),
      bad: fc.constant(false),
    });
    const bad = fc.record({
      value: fc.constantFrom("x", "1.2.3", "-5", ""),
      bad: fc.constant(true),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(good, bad), { minLength: 1, maxLength: 12 }), (rows) => {
        // Distinct months so only the bad values fail.
        const lines = rows.map((r, i) => {
          const m = 2026 * 12 + 3 + i;
          return `CFS,,${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")},avoidedEvents,${r.value}`;
        });
        const message = errorOf([HEADER, ...lines].join("\n"));
        const badLines = rows.flatMap((r, i) => (r.bad ? [i + 2] : []));
        if (badLines.length === 0) return message === "";
        const named = [...message.matchAll(/line (\d+):/g)].map((m) => Number(m[1]));
        return message.endsWith("nothing was imported") && named.join() === badLines.slice(0, 5).join();
      }),
      { numRuns: 200 },
    );
  });
});
