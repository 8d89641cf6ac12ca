import {
  CAPTIONS,
  CHOICE_WORDS,
  FIELD_CHOICES,
  choiceCode,
  choiceWords,
  fieldCaption,
  statedPath,
  fieldWords,
} from "../../../src/engine";
import { assumptionsFormat } from "../../../src/engine/format/assumptionsFormat";
import { fieldRows } from "../../../src/engine/format/describe";

/** A docs field path as a caption key: "assumptions.streams[](cohort).timeline.ramp" → "timeline.ramp". */
const keyOf = (path: string): string =>
  path
    .replace(/^assumptions\./, "")
    .replace(/\([A-Za-z-]+\)/g, "")
    .replace(/^streams\[\]\./, "")
    .replace(/\.<FY>$/, "");

describe("the caption table (issue 13)", () => {
  it("words every field of the assumptions format, in both forms and every stream kind", () => {
    const keys = new Set(fieldRows(assumptionsFormat, "assumptions").map((r) => keyOf(r.path)));
    expect(keys.size).toBeGreaterThan(100);
    expect([...keys].filter((k) => CAPTIONS[k] === undefined)).toEqual([]);
  });

  it("joins a label and its unit in one bracket, a unit's own aside after a comma", () => {
    const keys = new Set(fieldRows(assumptionsFormat, "assumptions").map((r) => keyOf(r.path)));
    const nested = /\([^()]*\(/;
    expect([...keys].filter((k) => nested.test(fieldCaption(k)))).toEqual([]);
    expect(fieldCaption("unitCost.inflationPerYear")).toBe(
      "Inflation on the unit cost (% a year, from 1 April)",
    );
  });

  it("words every code of each worded choice, and only codes the format takes", () => {
    for (const [key, words] of Object.entries(CHOICE_WORDS)) {
      const codes =
        FIELD_CHOICES[`assumptions.${key}`] ?? FIELD_CHOICES[`assumptions.streams[].${key}`] ?? undefined;
      if (codes) expect([key, Object.keys(words).sort()]).toEqual([key, [...codes].sort()]);
      // Excel's list source is comma-separated: a word with a comma would split.
      for (const w of Object.values(words)) expect([key, w.includes(",")]).toEqual([key, false]);
      expect(new Set(Object.values(words).map((w) => w.toLowerCase())).size).toBe(Object.keys(words).length);
    }
  });

  it("numbers list items and works out units from the values around them", () => {
    expect(fieldWords("investment[1].amountPerYear")).toEqual({
      label: "Investment 2: amount a year",
      unit: "£ a year",
    });
    expect(fieldWords("categories[0].ramp.points[1].share").label).toBe(
      "Category 1, ramp point 2: share of the full impact",
    );
    expect(fieldWords("categories[1].ramp.shape").label).toBe("Category 2: shape of the ramp");
    expect(fieldWords("investment[0].amountsByFy.FY27/28").label).toBe("Investment 1: amount in FY27/28");
    const exit = { lever: "exit", unit: "children" };
    expect(fieldWords("baseline.volumePerYear", { block: exit }).unit).toBe("children in the caseload");
    expect(fieldWords("target.value", { block: exit, parent: { kind: "percent" } }).unit).toBe(
      "% of the caseload",
    );
    expect(
      fieldWords("target.value", { block: exit, parent: { kind: "countPerYear", perWeeks: 12 } }).unit,
    ).toBe("children per 12 weeks");
    expect(fieldWords("unitCost.weeklyCost", { block: { unitCost: { periodsPerYear: 190 } } }).unit).toBe(
      "£ a period",
    );
    expect(fieldCaption("durationWeeks")).toBe("Average duration (weeks)");
    expect(fieldCaption("unitCost.inflationContingency")).toBe("Inflation held centrally");
    expect(fieldWords("target.note").label).toBe("Target note");
    expect(fieldWords("timeline.startDateNote").label).toBe("Project start note");
  });

  it("takes a dropdown's words back to the code, whatever the case", () => {
    expect(choiceCode("lever", "Leave early (EXIT)")).toBe("exit");
    expect(choiceCode("streams[2].saving.kind", "hours of care")).toBe("hours");
    expect(choiceCode("lever", "sideways")).toBe("sideways");
    // The dropdown says "fewer starts"; a sheet written with the earlier "fewer start (entry)" still reads.
    expect(choiceWords("lever")?.entry).toBe("fewer starts (entry)");
    expect(choiceCode("lever", "fewer start (entry)")).toBe("entry");
    expect(choiceCode("durationWeeks", 52)).toBe(52);
  });
});

describe("a caption's unit said once (trial 4: lead time)", () => {
  it("gives a caption that already ends in its unit no unit in brackets", () => {
    expect(fieldCaption("timeline.leadWeeks")).toBe("Lead time before impact in weeks");
    expect(fieldCaption("timeline.leadMonths")).toBe("Lead time before impact (months)");
    expect(fieldCaption("durationWeeks")).toBe("Average duration (weeks)");
  });

  it("names a length held in weeks by the months field the input states", () => {
    expect(statedPath("timeline.leadWeeks", { timeline: { leadMonths: 8.5 } })).toBe("timeline.leadMonths");
    expect(statedPath("timeline.leadWeeks", { timeline: { leadWeeks: 37 } })).toBe("timeline.leadWeeks");
    expect(
      statedPath("streams[1].timeline.pilotWeeks", { streams: [{}, { timeline: { pilotMonths: 3 } }] }),
    ).toBe("streams[1].timeline.pilotMonths");
    expect(statedPath("target.value", {})).toBe("target.value");
  });
});
