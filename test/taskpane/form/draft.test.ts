import * as fc from "fast-check";
import { parseProposal } from "../../../src/engine";
import { EXAMPLES } from "../../../src/taskpane/examples";
import { addStream, draftToRaw, emptyDraft, rawToDraft } from "../../../src/taskpane/form/draft";
import { validateDraft } from "../../../src/taskpane/form/validate";

const CFS_LIKE = {
  opportunity: { name: "CFS Targeted Prevention", confidence: { level: "Low", reason: "design needed" } },
  assumptions: {
    baseline: { volumePerYear: 260, growthPerYear: 0 },
    target: { kind: "percent", value: 0.08 },
    lever: "entry",
    durationWeeks: 153.1,
    unitCost: {
      weeklyCost: 1487,
      overlapWeeklyCost: 149,
      inflationPerYear: 0.04,
      priceBaseFy: "FY26/27",
      periodsPerYear: 52.18,
    },
    timeline: { startDate: "2026-08-01", pilotMonths: 4, rolloutMonths: 6, leadMonths: 8.5, ramp: "linear" },
    investment: [{ kind: "ongoing", label: "FFPP", amountPerYear: 1500000, fromDate: "2026-12-01" }],
    mtfsOverlap: { kind: "amountPerYear", amountPerYear: 390000, capAtGross: true, note: "inferred" },
  },
  triangulation: {
    baselineStarts: 260,
    mtfsCaseload: 734,
    realisationFactor: 0.7,
    rows: [{ method: "TU review", percentChange: 0.23 }],
  },
  published: { source: "seeds/000", cumulative: { "FY26/27": -500000 } },
};

describe("draft", () => {
  it("shows rates as percentages and sends them back as percent text the parser reads", () => {
    const draft = rawToDraft(CFS_LIKE);
    expect(draft.values["assumptions.target.value"]).toBe("8");
    expect(draft.values["assumptions.unitCost.inflationPerYear"]).toBe("4");
    expect(draft.triangulationRows[0].percentChange).toBe("23");
    const raw = draftToRaw(draft) as any;
    expect(raw.assumptions.target).toEqual({ kind: "percent", value: "8%" });
    expect(raw.triangulation.rows[0].percentChange).toBe("23%");
  });

  it("round-trips every edited field and carries what the form does not edit", () => {
    const raw = draftToRaw(rawToDraft(CFS_LIKE)) as any;
    expect(raw.published).toEqual(CFS_LIKE.published);
    expect(raw.assumptions.unitCost.periodsPerYear).toBe(52.18);
    expect(raw.assumptions.investment).toEqual(CFS_LIKE.assumptions.investment);
    expect(raw.assumptions.mtfsOverlap).toEqual(CFS_LIKE.assumptions.mtfsOverlap);
    expect(raw.assumptions.durationWeeks).toBe(153.1);
    expect(raw.opportunity).toEqual(CFS_LIKE.opportunity);
  });

  it("carries an ongoing cost's own inflation and the contingency flag through draft and back", () => {
    const raw = {
      ...CFS_LIKE,
      assumptions: {
        ...CFS_LIKE.assumptions,
        unitCost: { ...CFS_LIKE.assumptions.unitCost, inflationContingency: true },
        investment: [{ ...CFS_LIKE.assumptions.investment[0], inflationPerYear: 0.03 }],
      },
    };
    const back = draftToRaw(rawToDraft(raw)) as any;
    const a = parseProposal(back).assumptions.cohort!;
    expect(a.unitCost.inflationContingency).toBe(true);
    const cost = a.investment[0];
    expect(cost.kind === "ongoing" && cost.inflationPerYear?.toNumber()).toBe(0.03);
  });

  it("leaves blank inputs out so the engine's defaults apply", () => {
    const raw = draftToRaw({
      ...emptyDraft(),
      values: { ...emptyDraft().values, "assumptions.durationWeeks": "  " },
    }) as any;
    expect(raw.assumptions.durationWeeks).toBeUndefined();
  });

  it("sends text that is not a number to the parser as typed, so its rule names the problem", () => {
    const draft = {
      ...emptyDraft(),
      values: { "assumptions.durationWeeks": "12 weeks", "assumptions.unitCost.weeklyCost": "£1,487" },
    };
    const raw = draftToRaw(draft) as any;
    expect(raw.assumptions.durationWeeks).toBe("12 weeks");
    expect(raw.assumptions.unitCost.weeklyCost).toBe(1487);
  });

  it("drops overlap fields that do not apply to the chosen overlap kind", () => {
    const draft = rawToDraft(CFS_LIKE);
    const raw = draftToRaw({
      ...draft,
      values: { ...draft.values, "assumptions.mtfsOverlap.kind": "none" },
    }) as any;
    expect(raw.assumptions.mtfsOverlap).toEqual({ kind: "none" });
  });

  it("keeps any typed number exactly through draft and back", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }), (n) => {
        const raw = draftToRaw(rawToDraft({ assumptions: { durationWeeks: n } })) as any;
        expect(raw.assumptions.durationWeeks).toBe(Object.is(n, -0) ? 0 : n);
      }),
    );
  });
});

describe("draft of every bundled example", () => {
  it.each(EXAMPLES.map((e) => [e.name, e.raw] as const))(
    "%s parses to the same proposal after a round trip through the form",
    (_name, raw) => {
      const draft = rawToDraft(raw);
      expect(validateDraft(draft, parseProposal).errors).toEqual([]);
      expect(parseProposal(draftToRaw(draft))).toEqual(parseProposal(raw));
    },
  );
});

describe("table rows with keys the form does not edit", () => {
  const withCosts = {
    ...CFS_LIKE,
    assumptions: {
      ...CFS_LIKE.assumptions,
      investment: [
        { kind: "phased", label: "Recruitment", amountsByFy: { "FY26/27": 50000, "FY27/28": 25000 } },
        { kind: "perEvent", label: "Engagement", amountPerEvent: 120, measure: "avoidedEvents" },
      ],
    },
  };

  it("carries a phased cost's amounts and a per-event cost through the form unchanged", () => {
    const raw = draftToRaw(rawToDraft(withCosts)) as any;
    expect(raw.assumptions.investment).toEqual(withCosts.assumptions.investment);
    expect(parseProposal(raw).assumptions.investment).toEqual(
      parseProposal(withCosts).assumptions.investment,
    );
  });

  it("drops the carried keys once the row's kind is changed (they belong to the old kind)", () => {
    const draft = rawToDraft(withCosts);
    const changed = {
      ...draft,
      investment: draft.investment.map((r, i) => (i === 0 ? { ...r, kind: "oneOff" } : r)),
    };
    expect((draftToRaw(changed) as any).assumptions.investment[0]).toEqual({
      kind: "oneOff",
      label: "Recruitment",
    });
  });

  it("carries a triangulation % range written as { from, to } that the form cannot show", () => {
    const raw = {
      ...CFS_LIKE,
      triangulation: {
        ...CFS_LIKE.triangulation,
        rows: [{ method: "Audit", percentChange: { from: -0.09, to: -0.3 } }],
      },
    };
    expect((draftToRaw(rawToDraft(raw)) as any).triangulation.rows).toEqual(raw.triangulation.rows);
  });

  it("sends a whole-proposal confidence weighting typed as % to the engine", () => {
    const draft = rawToDraft(CFS_LIKE);
    const weighted = { ...draft, values: { ...draft.values, "assumptions.confidenceWeighting": "50" } };
    expect(parseProposal(draftToRaw(weighted)).assumptions.confidenceWeighting?.toNumber()).toBe(0.5);
  });

  it("offers the stepped ramp with its share, sent only while the ramp is stepped", () => {
    const draft = rawToDraft(CFS_LIKE);
    const stepped = {
      ...draft,
      values: {
        ...draft.values,
        "assumptions.timeline.ramp": "stepped",
        "assumptions.timeline.stepShare": "50",
      },
    };
    expect(parseProposal(draftToRaw(stepped)).assumptions.cohort?.timeline.stepShare?.toNumber()).toBe(0.5);
    const linear = { ...stepped, values: { ...stepped.values, "assumptions.timeline.ramp": "linear" } };
    expect((draftToRaw(linear) as any).assumptions.timeline.stepShare).toBeUndefined();
  });
});

describe("a single cohort's cashability in the wizard", () => {
  it("round-trips the stream's control at assumptions.cashability, and blank leaves the default", () => {
    const raw = { ...CFS_LIKE, assumptions: { ...CFS_LIKE.assumptions, cashability: "cashable" } };
    const draft = rawToDraft(raw);
    expect(draft.values["assumptions.cashability"]).toBe("cashable");
    expect((draftToRaw(draft).assumptions as Record<string, unknown>).cashability).toBe("cashable");
    expect(parseProposal(draftToRaw(draft)).assumptions.streams[0].cashability).toBe("cashable");
    const blank = rawToDraft(CFS_LIKE);
    expect("cashability" in (draftToRaw(blank).assumptions as Record<string, unknown>)).toBe(false);
  });

  it("moves the label into the cohort stream when a second stream is added", () => {
    const raw = { ...CFS_LIKE, assumptions: { ...CFS_LIKE.assumptions, cashability: "nonCashable" } };
    const two = addStream(rawToDraft(raw), "income");
    const json = draftToRaw(two).assumptions as { cashability?: string; streams: { cashability?: string }[] };
    expect([json.cashability, json.streams[0].cashability]).toEqual([undefined, "nonCashable"]);
  });
});
