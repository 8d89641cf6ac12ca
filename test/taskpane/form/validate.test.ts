import * as fc from "fast-check";
import { parseProposal } from "../../../src/engine";
import { ENGINE } from "../../../src/taskpane/engineBridge";
import { EXAMPLES } from "../../../src/taskpane/examples";
import { rawToDraft, type Draft } from "../../../src/taskpane/form/draft";
import { FIELDS } from "../../../src/taskpane/form/fields";
import { STEPS, stepOfPath } from "../../../src/taskpane/form/steps";
import { validateDraft } from "../../../src/taskpane/form/validate";

const CFS = rawToDraft(EXAMPLES.find((e) => e.name === "CFS Targeted Prevention")?.raw);

function withValues(draft: Draft, values: Record<string, string>): Draft {
  return { ...draft, values: { ...draft.values, ...values } };
}

function stepTitle(path: string): string {
  return STEPS[stepOfPath(path)].title;
}

describe("validateDraft", () => {
  it("accepts the CFS example and returns the parsed proposal", () => {
    const v = validateDraft(CFS, parseProposal);
    expect(v.errors).toEqual([]);
    expect(v.proposal?.opportunity.name).toBe("CFS Targeted Prevention");
  });

  it("names the investment row and field a bad amount belongs to", () => {
    const draft = { ...CFS, investment: [{ ...CFS.investment[0], amountPerYear: "a lot" }] };
    const v = validateDraft(draft, parseProposal);
    expect(v.proposal).toBeNull();
    expect(v.errors.map((e) => [e.path, e.code])).toEqual([
      ["assumptions.investment.0.amountPerYear", "invalid-type"],
    ]);
    expect(stepTitle(v.errors[0].path)).toBe("Investment");
  });

  it("reports a missing required field once, as required, on its step", () => {
    const v = validateDraft(withValues(CFS, { "assumptions.timeline.startDate": "" }), parseProposal);
    expect(v.errors).toEqual([
      { path: "assumptions.timeline.startDate", code: "missing", message: "Project start date is required" },
    ]);
    expect(stepTitle(v.errors[0].path)).toBe("Timeline");
  });

  it("puts a missing block's error on its first field, named and on its step, not on the review step", () => {
    // A blank baseline (volume and growth, as in a new draft) is one engine error on the block:
    // "assumptions.baseline: is required for a percent target".
    const blank = { "assumptions.baseline.volumePerYear": "", "assumptions.baseline.growthPerYear": "" };
    const v = validateDraft(withValues(CFS, blank), parseProposal);
    expect(v.errors).toEqual([
      {
        path: "assumptions.baseline.volumePerYear",
        code: "missing",
        message: "Baseline volume is required for a percent target",
      },
    ]);
    expect(stepTitle(v.errors[0].path)).toBe("Baseline and target");
  });

  it("collects problems on several steps in one pass", () => {
    const v = validateDraft(
      withValues(CFS, {
        "opportunity.name": "",
        "assumptions.durationWeeks": "0",
        "assumptions.target.value": "eight",
        "opportunity.confidence.level": "Certain",
      }),
      parseProposal,
    );
    expect(new Set(v.errors.map((e) => e.path))).toEqual(
      new Set([
        "opportunity.name",
        "assumptions.durationWeeks",
        "assumptions.target.value",
        "opportunity.confidence.level",
      ]),
    );
    expect(new Set(v.errors.map((e) => stepTitle(e.path)))).toEqual(
      new Set(["Opportunity", "Costs and durations", "Baseline and target", "Confidence"]),
    );
  });

  it("turns an unexpected (non-engine) failure into one visible problem instead of crashing the pane", () => {
    const v = validateDraft(CFS, () => {
      throw new TypeError("boom");
    });
    expect(v.errors).toEqual([{ path: "", code: "bug", message: "Unexpected problem: TypeError: boom" }]);
  });
});

describe("validateDraft on anything typed", () => {
  it("takes a kind named like an Object property (__proto__, constructor) as unknown, never throwing", () => {
    // Found by the property below (shake seed 501): {"triangulation.kind": "__proto__"} threw a TypeError.
    for (const kind of ["__proto__", "constructor", "toString"]) {
      for (const draft of [
        withValues(CFS, { "triangulation.kind": kind }),
        withValues(CFS, { "assumptions.mtfsOverlap.kind": kind }),
        { ...CFS, investment: [{ kind, label: "Team" }] },
      ]) {
        const v = validateDraft(draft, ENGINE.parse);
        expect(v.proposal).toBeNull();
        expect(v.errors.map((e) => e.code)).toContain("unknown-option");
        expect(v.errors.map((e) => e.code)).not.toContain("bug");
      }
    }
  });

  it("either returns a proposal and its profile with no errors, or errors in words, and never throws", () => {
    const paths = FIELDS.map((f) => f.path);
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...paths),
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              "",
              "-1",
              "0",
              "1e400",
              "NaN",
              "2026-02-30",
              "2025-01-01",
              "2031-06-30",
              "150",
              "abc",
              "%",
              "FY40/41",
            ),
          ),
        ),
        (typed) => {
          const v = validateDraft(withValues(CFS, typed), ENGINE.parse);
          if (v.proposal !== null) expect(v.errors).toEqual([]);
          else expect(v.errors.length).toBeGreaterThan(0);
          for (const e of v.errors) {
            expect(e.code).not.toBe("bug");
            expect(e.message).not.toMatch(/undefined|NaN/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("validateDraft with the wizard's engine (parse + profile)", () => {
  it("flags a stated pilot end before the end of design beside the pilot end date", () => {
    const draft = withValues(CFS, {
      "assumptions.timeline.designEndDate": "2027-01-01",
      "assumptions.timeline.pilotEndDate": "2026-10-01",
    });
    const v = validateDraft(draft, ENGINE.parse);
    expect(v.errors.map((e) => [e.path, e.code])).toEqual([
      ["assumptions.timeline.pilotEndDate", "invalid-date"],
    ]);
    expect(v.errors[0].message).toBe("Stated end of pilot must not be before the end of design");
    expect(stepTitle(v.errors[0].path)).toBe("Timeline");
  });
});
