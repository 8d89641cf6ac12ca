import * as fc from "fast-check";
import * as ExcelJS from "exceljs";
import { ExcelJsPort, addProposal, readProposal } from "../../../src/workbook";
import { Decimal } from "../../../src/engine/money";
import { computeAssumptions, parseProposal } from "../../../src/engine";
import { validateDraft } from "../../../src/taskpane/form/validate";
import { ENGINE } from "../../../src/taskpane/engineBridge";
import { EXAMPLES } from "../../../src/taskpane/examples";
import { addStream, draftToRaw, emptyDraft, rawToDraft } from "../../../src/taskpane/form/draft";
import {
  moveItem,
  newStream,
  streamFieldAt,
  streamToJson,
  jsonToStream,
} from "../../../src/taskpane/form/streamDraft";
import { COHORT_KEYS, STREAM_KINDS, streamItems } from "../../../src/taskpane/form/streams";
import { stepOfPath } from "../../../src/taskpane/form/steps";

/** A two-stream proposal as the contract writes it: a cohort with a unit-cost split and an income stream. */
const TWO_STREAMS = {
  opportunity: { name: "Prevention", confidence: { level: "Low" } },
  assumptions: {
    streams: [
      {
        kind: "cohort",
        id: "falls",
        label: "Falls",
        baseline: { volumePerYear: 400 },
        target: { kind: "percent", value: 0.1 },
        lever: "entry",
        durationWeeks: 52,
        unitCost: {
          components: [
            { label: "Residential", share: 0.6, costPerPeriod: 900, realisedFrom: "09-01" },
            { label: "Home care", share: 0.4, costPerPeriod: 300 },
          ],
          periodsPerYear: 52.18,
        },
        timeline: { startDate: "2026-04-01", rolloutMonths: 6, ramp: "linear" },
        note: "from the falls audit",
      },
      {
        kind: "income",
        id: "fees",
        label: "Fees",
        items: [
          {
            kind: "volumeTimesFee",
            label: "Lets",
            volumePerYear: 100,
            feePerUnit: 20,
            goLiveDate: "2027-01-01",
          },
          { kind: "amountPerYear", label: "Grant", amountPerYear: 5000, goLiveDate: "2026-06-01" },
        ],
        inflationPerYear: 0.03,
      },
    ],
    investment: [{ kind: "oneOff", label: "Set-up", amount: 1000, date: "2026-05-01" }],
  },
  published: { source: "seeds/004" },
};

/** The JSON with percent text ("13.8%") as the fraction it means, so two spellings of a value compare equal. */
function fractions(x: unknown): unknown {
  if (typeof x === "string" && /^-?[\d.]+%$/.test(x)) return new Decimal(x.slice(0, -1)).div(100).toNumber();
  if (Array.isArray(x)) return x.map(fractions);
  if (typeof x === "object" && x !== null)
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, fractions(v)]));
  return x;
}

describe("streams in the draft", () => {
  it("round-trips a streams proposal: every stream's fields, lists and the keys the form does not edit", () => {
    const raw = draftToRaw(rawToDraft(TWO_STREAMS)) as any;
    // Rates come back as the percent text the parser reads; everything else exactly as given.
    const expected = JSON.parse(JSON.stringify(TWO_STREAMS));
    expected.assumptions.streams[0].target.value = "10%";
    expected.assumptions.streams[0].unitCost.components[0].share = "60%";
    expected.assumptions.streams[0].unitCost.components[1].share = "40%";
    expected.assumptions.streams[1].inflationPerYear = "3%";
    expected.assumptions.mtfsOverlap = { kind: "none" }; // the form's overlap choice, the engine's default
    expect(raw).toEqual(expected);
    expect(raw.assumptions.target).toBeUndefined();
  });

  it("shows a cohort's component shares as % and keeps a component's realisedFrom it does not edit", () => {
    const draft = rawToDraft(TWO_STREAMS);
    const components = draft.streams?.[0].lists?.["unitCost.components"] ?? [];
    expect(components.map((c) => c.values.share)).toEqual(["60", "40"]);
    expect(components[0].passthrough).toEqual({ realisedFrom: "09-01" });
  });

  it.each(EXAMPLES.map((e) => [e.name, e.raw] as const))(
    "the first Add stream turns %s into stream 1 with every value kept",
    (_name, raw) => {
      const single = draftToRaw(rawToDraft(raw)) as any;
      const converted = draftToRaw(addStream(rawToDraft(raw), "income")) as any;
      const cohort: Record<string, unknown> = {
        kind: "cohort",
        id: "cohort",
        label: single.opportunity.name,
      };
      for (const key of COHORT_KEYS)
        if (single.assumptions[key] !== undefined) cohort[key] = single.assumptions[key];
      // The shares the single form carried as they were are now edited as %: the same fractions.
      const unitCost = { ...(cohort.unitCost as Record<string, unknown>) };
      delete unitCost.inflationContingency;
      expect(fractions(converted.assumptions.streams[0])).toEqual(fractions({ ...cohort, unitCost }));
      expect(converted.assumptions.streams[1]).toMatchObject({ kind: "income", id: "stream2" });
      // The unit cost's prices now price the proposal's costs, as they did: the proposal's own key.
      const prices = Object.fromEntries(
        ["inflationPerYear", "priceBaseFy", "periodsPerYear"]
          .filter((k) => unitCost[k] !== undefined)
          .map((k) => [k, unitCost[k]]),
      );
      expect(converted.assumptions.prices).toEqual(prices);
      // Nothing else moved: the proposal-level blocks are as they were, and no cohort key is left at the top.
      const rest = (a: Record<string, unknown>): Record<string, unknown> =>
        Object.fromEntries(
          Object.entries(a).filter(
            ([k]) => !(COHORT_KEYS as readonly string[]).includes(k) && k !== "prices" && k !== "streams",
          ),
        );
      expect({ ...converted, assumptions: rest(converted.assumptions) }).toEqual({
        ...single,
        assumptions: rest(single.assumptions),
      });
    },
  );

  it("moves a single cohort's central inflation contingency to the proposal's", () => {
    const raw = EXAMPLES[0].raw as any;
    const held = {
      ...raw,
      assumptions: {
        ...raw.assumptions,
        unitCost: { ...raw.assumptions.unitCost, inflationContingency: true },
      },
    };
    const converted = draftToRaw(addStream(rawToDraft(held), "income")) as any;
    expect(converted.assumptions.inflationContingency).toEqual({ heldCentrally: true });
    expect(converted.assumptions.streams[0].unitCost.inflationContingency).toBeUndefined();
  });

  it("a blank draft becomes a blank cohort stream and the new one", () => {
    const d = addStream(emptyDraft(), "staffing");
    expect(d.streams?.map((s) => [s.values.kind, s.values.id, s.values.label])).toEqual([
      ["cohort", "cohort", "Cohort"],
      ["staffing", "stream2", ""],
    ]);
    // A new stream shows its main list with one row, choices preselected.
    expect(d.streams?.[1].lists?.reductions).toEqual([{ values: { kind: "fte" } }]);
    expect(addStream(d, "cohort").streams?.[2].values.id).toBe("stream3");
  });

  it("moves a stream to any place and keeps the others in order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.integer({ min: -2, max: 10 }),
        (n, from0, to) => {
          const list = Array.from({ length: n }, (_, i) => i);
          const from = from0 % n;
          const moved = moveItem(list, from, to);
          expect([...moved].sort((a, b) => a - b)).toEqual(list);
          expect(moved[Math.max(0, Math.min(n - 1, to))]).toBe(from);
          expect(moved.filter((x) => x !== from)).toEqual(list.filter((x) => x !== from));
        },
      ),
    );
  });

  it("gives every new stream an id not yet used", () => {
    const a = newStream("cohort", [{ values: { id: "stream2" } }]);
    expect(a.values.id).toBe("stream3");
  });

  it.each(STREAM_KINDS.map((k) => k.value))("a %s stream's JSON reads back to the same draft", (kind) => {
    const s = newStream(kind, []);
    expect(jsonToStream(streamToJson(s))).toEqual({
      values: Object.fromEntries(Object.entries(s.values).filter(([, v]) => v !== "")),
      ...(s.lists ? { lists: s.lists } : {}),
    });
    expect(streamItems(kind).length).toBeGreaterThan(3);
  });
});

describe("engine paths inside streams", () => {
  const draft = rawToDraft(TWO_STREAMS);
  const streams = draft.streams ?? [];

  it("name the stream's own field, with its kind's label and where it is", () => {
    expect(streamFieldAt(streams, "assumptions.streams[0].durationWeeks")).toMatchObject({
      path: "assumptions.streams.0.durationWeeks",
      where: "Stream 1 (Falls)",
      text: "52",
    });
    const fee = streamFieldAt(streams, "assumptions.streams[1].items[0].feePerUnit");
    expect(fee?.spec.label).toBe("Fee per unit");
    expect(fee?.where).toBe("Stream 2 (Fees), income line 1");
    expect(streamFieldAt(streams, "assumptions.streams[0].unitCost.components[1].share")?.spec.kind).toBe(
      "percent",
    );
  });

  it("send a whole missing block to its first input, and every stream path to the streams step", () => {
    const reablement = [newStream("reablement", [])];
    expect(streamFieldAt(reablement, "assumptions.streams[0].saving")?.path).toBe(
      "assumptions.streams.0.saving.kind",
    );
    expect(streamFieldAt(reablement, "assumptions.streams[0].ramp")?.path).toBe(
      "assumptions.streams.0.ramp.points",
    );
    expect(stepOfPath("assumptions.streams.1.items.0.feePerUnit")).toBe(
      stepOfPath("assumptions.target.value"),
    );
    expect(streamFieldAt(streams, "assumptions.streams[5].label")).toBeUndefined();
  });
});

describe("streams against the engine", () => {
  const parse = (raw: unknown) => parseProposal(raw);

  const cfs = EXAMPLES[0].raw as any;
  /** CFS with a cost inflating at the unit cost's rate and the inflation held centrally: both priced by the unit cost. */
  const cfsPriced = {
    ...cfs,
    assumptions: {
      ...cfs.assumptions,
      unitCost: { ...cfs.assumptions.unitCost, inflationContingency: true },
      investment: cfs.assumptions.investment.map((c: any) =>
        c.kind === "ongoing" ? { ...c, inflates: true } : c,
      ),
    },
  };

  it.each([
    ...EXAMPLES.map((e) => [e.name, e.raw] as const),
    ["CFS with inflating costs", cfsPriced] as const,
  ])("%s as one converted stream gives the single cohort's profile exactly", (_name, raw) => {
    const converted = addStream(rawToDraft(raw), "income");
    const one = { ...converted, streams: converted.streams?.slice(0, 1) };
    expect(validateDraft(one, parse).errors).toEqual([]);
    const single = computeAssumptions(parse(draftToRaw(rawToDraft(raw))).assumptions).profile;
    expect(computeAssumptions(parse(draftToRaw(one)).assumptions).profile).toEqual(single);
  });

  it("accepts the two-stream draft as the engine reads it", () => {
    const v = validateDraft(rawToDraft(TWO_STREAMS), parse);
    expect(v.errors).toEqual([]);
    expect(v.proposal?.assumptions.streams.map((s) => s.id)).toEqual(["falls", "fees"]);
  });

  it("puts each engine error on the stream field it names, in words, all at once", () => {
    const draft = rawToDraft(TWO_STREAMS);
    const streams = draft.streams ?? [];
    const broken = {
      ...draft,
      streams: [
        { ...streams[0], values: { ...streams[0].values, durationWeeks: "-3" } },
        {
          ...streams[1],
          lists: {
            items: (streams[1].lists?.items ?? []).map((row, j) =>
              j === 0 ? { ...row, values: { ...row.values, goLiveDate: "" } } : row,
            ),
          },
        },
      ],
    };
    const errors = validateDraft(broken, parse).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "assumptions.streams.0.durationWeeks",
          message: "Duration must be more than 0 weeks",
          where: "Stream 1 (Falls)",
        }),
        expect.objectContaining({
          path: "assumptions.streams.1.items.0.goLiveDate",
          message: "Go-live date is required",
          where: "Stream 2 (Fees), income line 1",
        }),
      ]),
    );
  });

  it("puts the profile's own checks on the stream they come from: a cohort's timeline, a kind module's field", () => {
    const second = {
      ...(TWO_STREAMS.assumptions.streams[0] as Record<string, unknown>),
      id: "cognitive",
      label: "Cognitive decline",
      timeline: { startDate: "2027-04-01", pilotEndDate: "2027-01-01" },
    };
    const provision = {
      kind: "provision",
      id: "homes",
      label: "New homes",
      caseload: 1000,
      currentWeeklyCost: 1000,
      newProvisionWeeklyCost: 600,
      openingDate: "2027-01-01",
      movesPerStep: 1,
      stepMonths: 120,
    };
    const raw = {
      ...TWO_STREAMS,
      assumptions: {
        ...TWO_STREAMS.assumptions,
        streams: [TWO_STREAMS.assumptions.streams[0], second, provision],
      },
    };
    const errors = validateDraft(rawToDraft(raw), (r) => ENGINE.parse(r)).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: "assumptions.streams.1.timeline.pilotEndDate",
          where: "Stream 2 (Cognitive decline)",
        }),
        expect.objectContaining({
          path: "assumptions.streams.2.movesPerStep",
          where: "Stream 3 (New homes)",
        }),
      ]),
    );
  });

  it("names a duplicated stream id on the second stream's id", () => {
    const draft = rawToDraft(TWO_STREAMS);
    const streams = draft.streams ?? [];
    const twice = {
      ...draft,
      streams: [streams[0], { ...streams[1], values: { ...streams[1].values, id: "falls" } }],
    };
    const error = validateDraft(twice, parse).errors[0];
    expect(error.path).toBe("assumptions.streams.1.id");
    expect(error.message).toMatch(/^Stream id /);
  });
});

describe("stream field hints", () => {
  it("come from the engine's format (meaning and default) where the form has none of its own", () => {
    const field = (kind: string, path: string) =>
      streamItems(kind).find((i) => i.type === "field" && i.spec.path === path);
    const weeks = field("provision", "weeksPerYear");
    expect(weeks?.type === "field" && weeks.spec.hint).toBe("Weeks a year; default 52.18");
    const income = streamItems("income").find((i) => i.type === "list" && i.path === "items");
    const fee =
      income?.type === "list"
        ? income.items.find((i) => i.type === "field" && i.spec.path === "feePerUnit")
        : undefined;
    expect(fee?.type === "field" && fee.spec.hint).toBe("New fee per unit, £");
    // The form's own hint wins (the cohort's duration keeps the single-cohort wording).
    const duration = field("cohort", "durationWeeks");
    expect(duration?.type === "field" && duration.spec.hint).toMatch(/^The stay an avoided start saves/);
  });
});

describe("a streams proposal sheet opened for editing", () => {
  it("reads back from the sheet into the form and out to the same proposal", async () => {
    const workbook = new ExcelJS.Workbook();
    const port = new ExcelJsPort(workbook);
    const { sheetName } = await addProposal(port, TWO_STREAMS);
    const back = await readProposal(port, sheetName);
    const draft = rawToDraft(back);
    expect(draft.streams?.map((s) => s.values.label)).toEqual(["Falls", "Fees"]);
    expect(validateDraft(draft, parseProposal).errors).toEqual([]);
    expect(parseProposal(draftToRaw(draft)).assumptions).toEqual(parseProposal(TWO_STREAMS).assumptions);
  });
});
