import fc from "fast-check";
import { Decimal } from "../../src/engine";
import { inLineOrder, readActualRows, readActualsCsv } from "../../src/workbook/actualsCsv";

describe("problems in line order", () => {
  it("puts the CSV's own problems and the workbook's in one list by line, keeping each line's own order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 2, max: 40 }), fc.nat(99))), (xs) => {
        const problems = xs.map(([line, k]) => `line ${line}: problem ${k}`);
        const sorted = inLineOrder(problems);
        const lines = sorted.map((p) => Number(/^line (\d+):/.exec(p)![1]));
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
        // Stable: within a line, the order given.
        for (const line of new Set(lines))
          expect(sorted.filter((p) => p.startsWith(`line ${line}:`))).toEqual(
            problems.filter((p) => p.startsWith(`line ${line}:`)),
          );
      }),
      { numRuns: 100 },
    );
  });

  it("orders line 10 after line 9 (by number, not text) and leaves a problem without a line last", () => {
    expect(inLineOrder(["line 10: b", "whole file: c", "line 9: a"])).toEqual([
      "line 9: a",
      "line 10: b",
      "whole file: c",
    ]);
  });
});

describe("rows that do not line up with the header", () => {
  const HEADER = "proposal,stream,period,measure,value";
  const problemsOf = (text: string) => readActualsCsv(text, "a.csv").problems;

  it("names a row of 3 fields once: its field count, the header's columns and an example line", () => {
    expect(problemsOf(`${HEADER}\nCFS,2027-07,2\n`)).toEqual([
      {
        line: 2,
        text:
          "has 3 fields, the header has 5 (proposal, stream, period, measure, value): give one field per column, " +
          'e.g. "CFS Targeted Prevention,,2027-07,avoidedEvents,2"',
      },
    ]);
  });

  it("gives the example in the file's own column order, and says to quote a comma on a long row", () => {
    expect(problemsOf("value,period,proposal,measure\n£1,234,2027-07,CFS,saving\n")[0].text).toBe(
      "has 5 fields, the header has 4 (value, period, proposal, measure): give one field per column " +
        '(quote a value holding a comma: "£1,234"), e.g. "2,2027-07,CFS Targeted Prevention,avoidedEvents"',
    );
  });

  it("reads a row missing only a blank optional last column (stream) as that column blank", () => {
    const read = readActualsCsv("proposal,period,measure,value,stream\nCFS,2027-07,saving,5\n", "a.csv");
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { line: 2, proposal: "CFS", period: "2027-07", measure: "saving", value: new Decimal(5) },
    ]);
  });

  it("still reads quarters labelled by their FY's first year, Q1 to Q4, as before", () => {
    const periods = ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"];
    const read = readActualsCsv(
      ["proposal,period,measure,value", ...periods.map((p) => `CFS,${p},saving,5`)].join("\n"),
      "a.csv",
    );
    expect(read.problems).toEqual([]);
    expect(read.rows.map((r) => r.period)).toEqual(periods);
  });

  it("is one problem per short or long row, whatever the count (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).filter((n) => n !== 5),
        (n) => {
          const fields = Array.from({ length: n }, (_, k) => `f${k}`).join(",");
          const problems = problemsOf(`${HEADER}\n${fields}\n`);
          return problems.length === 1 && problems[0].text.startsWith(`has ${n} field`);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe("a month inside a quarter already given", () => {
  it("names the period field, both periods and the earlier line", () => {
    const text = "proposal,period,measure,value\nCFS,2027-Q2,avoidedEvents,6\nCFS,2027-08,avoidedEvents,2\n";
    expect(readActualsCsv(text, "a.csv").problems).toEqual([
      {
        line: 3,
        proposal: "CFS",
        text:
          "period: 2027-08 overlaps 2027-Q2 on line 2 (avoidedEvents for CFS): a month inside a quarter would " +
          "count twice; give the quarter or its months, not both",
      },
    ]);
  });

  it("names the Track tab's rows by its own words", () => {
    const row = (line: number, period: string) => ({
      line,
      proposal: "CFS",
      stream: "",
      period,
      measure: "saving",
      value: "1",
    });
    expect(readActualRows([row(1, "2027-07"), row(2, "2027-Q2")], (n) => `actual ${n}`).problems).toEqual([
      {
        line: 2,
        proposal: "CFS",
        text:
          "period: 2027-Q2 overlaps 2027-07 on actual 1 (saving for CFS): a month inside a quarter would count " +
          "twice; give the quarter or its months, not both",
      },
    ]);
  });
});
