import fc from "fast-check";
import {
  MAX_SHEET_NAME,
  cutAtWord,
  nameSlug,
  proposalSheetName,
  sheetNameNote,
  uniqueSheetName,
  uniqueSlug,
} from "../../src/workbook/names";

describe("proposalSheetName", () => {
  it("replaces Excel's forbidden characters and control characters such as NUL", () => {
    expect(proposalSheetName("CFS: Targeted Prevention / pilot")).toBe("CFS Targeted Prevention pilot");
    expect(proposalSheetName("CFS\u0000Targeted\tPrevention\u007f")).toBe("CFS Targeted Prevention");
  });

  it("renames History, which Excel reserves, whatever its case", () => {
    expect(proposalSheetName("History")).toBe("History (proposal)");
    expect(proposalSheetName(" history ")).toBe("history (proposal)");
    expect(proposalSheetName("History of care")).toBe("History of care");
  });

  it("cuts at 31 characters without splitting a character or ending on an apostrophe", () => {
    expect(proposalSheetName(`${"a".repeat(30)}😀 more`)).toBe("a".repeat(30));
    expect(proposalSheetName(`${"b".repeat(29)} 'x`)).toBe("b".repeat(29));
  });

  it("always gives a name Excel and the .xlsx format accept (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (raw) => {
        const name = proposalSheetName(raw);
        expect(name.length).toBeGreaterThanOrEqual(1);
        expect(name.length).toBeLessThanOrEqual(31);
        // eslint-disable-next-line no-control-regex -- control characters are what must not appear
        expect(name).not.toMatch(/[[\]:*?/\\\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/);
        expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(name).not.toMatch(/^'|'$/);
        expect(name.toLowerCase()).not.toBe("history");
        expect(proposalSheetName(name)).toBe(name);
      }),
      { numRuns: 500 },
    );
  });
});

describe("uniqueSlug", () => {
  it("is the sheet's slug while nothing else uses it", () => {
    expect(uniqueSlug("CFS Targeted Prevention", [], [])).toBe("CFSTargetedPrevention");
  });

  it("adds _2, _3 … past slugs and defined names already taken, ignoring case", () => {
    expect(uniqueSlug("CFS Targeted-Prevention", ["CFSTargetedPrevention"], [])).toBe(
      "CFSTargetedPrevention_2",
    );
    expect(
      uniqueSlug("cfs targeted prevention", ["CFSTargetedPrevention", "cfstargetedprevention_2"], []),
    ).toBe("cfstargetedprevention_3");
    expect(uniqueSlug("CFS Targeted Prevention", [], ["MTFS_CFSTARGETEDPREVENTION_durationWeeks"])).toBe(
      "CFSTargetedPrevention_2",
    );
    // A name that merely starts like the slug is no clash.
    expect(uniqueSlug("CFS", [], ["mtfs_CFSTargeted_durationWeeks"])).toBe("CFS");
  });

  it("gives names no other slug can produce (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 8 }), (sheets) => {
        const slugs: string[] = [];
        for (const s of sheets) slugs.push(uniqueSlug(s, slugs, []));
        expect(new Set(slugs.map((s) => s.toLowerCase())).size).toBe(slugs.length);
        for (const s of slugs) expect(s.startsWith(nameSlug(sheets[slugs.indexOf(s)]))).toBe(true);
      }),
    );
  });
});

describe("uniqueSheetName", () => {
  it("keeps a free name, and suffixes a taken one within 31 characters (two names sharing their first 31)", () => {
    const first = proposalSheetName("Residential step-down to foster care");
    expect(uniqueSheetName(first, [])).toBe(first);
    const second = uniqueSheetName(proposalSheetName("Residential step-down to foster care (phase 2)"), [
      first,
    ]);
    // Cut where a word ends, not mid-word ("…to fo (2)").
    expect(second).toBe("Residential step-down to (2)");
    expect(second.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
    expect(uniqueSheetName(first, [first, second])).toMatch(/ \(3\)$/);
  });

  it("cuts a long word-less name where it must, and a name whose only space is early at the limit", () => {
    const word = "x".repeat(40);
    expect(uniqueSheetName(proposalSheetName(word), [proposalSheetName(word)])).toBe(`${"x".repeat(27)} (2)`);
    // Cutting at "CFS" would leave too little of the name to tell the sheet by.
    const early = `CFS ${"y".repeat(40)}`;
    expect(uniqueSheetName(proposalSheetName(early), [proposalSheetName(early)])).toBe(
      `CFS ${"y".repeat(23)} (2)`,
    );
  });

  it("gives a legal name no taken sheet has, ignoring case as Excel does (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 60 }),
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 4 }),
        fc.nat({ max: 5 }),
        (raw, extra, copies) => {
          const base = proposalSheetName(raw);
          // The base taken, then (some of) the names it would go to next, in another case.
          const taken = [base.toUpperCase(), ...extra];
          for (let i = 0; i < copies; i++) taken.push(uniqueSheetName(base, taken).toLowerCase());
          const name = uniqueSheetName(base, taken);
          expect(name.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
          expect(taken.map((t) => t.toLowerCase())).not.toContain(name.toLowerCase());
          expect(proposalSheetName(name)).toBe(name);
        },
      ),
    );
  });
});

describe("cutAtWord", () => {
  it("keeps whole words within the limit where a word ends in its second half (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z-]{1,12}$/), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 8, max: 31 }),
        (ws, max) => {
          const name = ws.join(" ");
          const cut = cutAtWord(name, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          expect(name.startsWith(cut)).toBe(true);
          // Whole words, unless no word ends past half the limit.
          const whole = cut.length === name.length || name[cut.length] === " ";
          const wordEnds = [...name.slice(0, max + 1).matchAll(/ /g)].map((m) => m.index);
          expect(whole || !wordEnds.some((i) => i > max / 2)).toBe(true);
        },
      ),
    );
  });
});

describe("sheetNameNote", () => {
  it("says nothing when the sheet is the opportunity's name, spacing aside", () => {
    expect(sheetNameNote("CFS Targeted Prevention", "CFS Targeted Prevention")).toBeUndefined();
    expect(sheetNameNote("  CFS  Targeted Prevention ", "CFS Targeted Prevention")).toBeUndefined();
  });

  it("names the sheet and why: shortened, another proposal's, characters a sheet cannot hold", () => {
    const name = "Residential step-down to foster care (phase 2)";
    const clashed = proposalSheetName(name);
    const sheet = uniqueSheetName(clashed, [clashed]);
    const note = sheetNameNote(name, sheet, clashed) ?? "";
    expect(note).toContain(`Sheet "${sheet}" is not named "${name}"`);
    expect(note).toContain("at most 31 characters");
    expect(note).toContain(`"${clashed}" is already another proposal's sheet`);
    expect(sheetNameNote("CFS: pilot", proposalSheetName("CFS: pilot"))).toMatch(/cannot hold \[ \] : \*/);
    expect(sheetNameNote("History", proposalSheetName("History"))).toMatch(
      /Excel keeps the sheet name "History"/,
    );
  });
});
