import * as ExcelJS from "exceljs";
import fc from "fast-check";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { modelProposal } from "../../src/workbook/engineLink";
import { proposalSheetLayout } from "../../src/workbook/layouts/proposalSheet";
import { EMPTY_PROGRAMME } from "../../src/workbook/layouts/programmeConfig";
import {
  addProposal,
  buildProgrammeWorkbook,
  readProposal,
  refreshWorkbook,
} from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import { plain, roundTrip } from "./fixtures";
import { MULTI_STREAM_NAME as SHEET, multiStreamProposal } from "./multiStream";

/** A workbook with the multi-stream proposal on its own sheet, saved and reopened. */
async function workbook(): Promise<{ wb: ExcelJS.Workbook; port: ExcelJsPort }> {
  const wb = new ExcelJS.Workbook();
  const port = new ExcelJsPort(wb);
  await buildProgrammeWorkbook(port, EMPTY_PROGRAMME, []);
  await addProposal(port, multiStreamProposal());
  return roundTrip(wb);
}

async function layoutOf(port: ExcelJsPort) {
  const s = (await readRegister(port)).proposals.find((p) => p.sheet === SHEET)!;
  return proposalSheetLayout(s);
}

const text = (ws: ExcelJS.Worksheet, address: string) => plain(ws.getCell(address).value);

describe("a multi-stream proposal sheet (issue 13)", () => {
  it("has a table per stream under its heading, then the whole proposal's lines", async () => {
    const { wb, port } = await workbook();
    const layout = await layoutOf(port);
    const ws = wb.getWorksheet(SHEET)!;
    const headings = layout.cells.flatMap((c) =>
      c.kind === "label" && /^(Stream \d|Whole proposal)/.test(c.text) && c.address.startsWith("A")
        ? [c]
        : [],
    );
    expect(headings.map((c) => (c.kind === "label" ? c.text : ""))).toEqual([
      "Stream 1 — Falls (a cohort of people)",
      "Stream 2 — Cognitive decline (a cohort of people)",
      "Stream 3 — Reablement capacity (reablement)",
      "Whole proposal: costs, existing MTFS lines, overlap and weighting",
    ]);
    const row = (c: { address: string }) => Number(c.address.slice(1));
    const input = (path: string) => layout.cells.find((c) => c.kind === "input" && c.path === path)!;
    // Each stream's fields sit between its heading and the next.
    expect(row(input("assumptions.streams[1].durationWeeks"))).toBeGreaterThan(row(headings[1]));
    expect(row(input("assumptions.streams[1].durationWeeks"))).toBeLessThan(row(headings[2]));
    expect(row(input("assumptions.investment[0].amountPerYear"))).toBeGreaterThan(row(headings[3]));
    // The id stays in the value column, the unit column says it is the id.
    expect([text(ws, `B${row(headings[0])}`), text(ws, `C${row(headings[0])}`)]).toEqual([
      "falls",
      "stream id",
    ]);
    // The stream's note beside its heading, the target's note beside the target's first row.
    expect(input("assumptions.streams[1].note").address).toBe(`D${row(headings[1])}`);
    const r = row(input("assumptions.streams[2].saving.hoursPerWeek"));
    expect([text(ws, `A${r}`), text(ws, `C${r}`)]).toEqual([
      "Hours of care saved per person",
      "hours a week",
    ]);
    expect(input("assumptions.streams[2].saving.kind")).toMatchObject({
      value: "hours of care",
      type: "choice",
    });
    expect((input("assumptions.existingMtfsLines[0].treatment") as { value?: unknown }).value).toBe(
      "added back in the MTFS row",
    );
  });

  it("shows each stream's gross and measures, the existing lines, and the weighting as evidence × weighting", async () => {
    const { wb, port } = await workbook();
    const layout = await layoutOf(port);
    const ws = wb.getWorksheet(SHEET)!;
    const modelled = modelProposal(multiStreamProposal());
    const owned = (key: string) =>
      layout.cells.find((c) => c.kind !== "label" && c.kind !== "input" && c.key === key)!;
    for (const [i, s] of modelled.proposal.streams.entries()) {
      for (const y of s.years) {
        expect(plain(ws.getCell(owned(`streams.${s.id}.${y.label}.gross`).address).value)).toBeCloseTo(
          y.gross.toNumber(),
          6,
        );
      }
      expect(i).toBeLessThan(3);
    }
    const hours = owned("streams.reablement.FY28/29.homecareHoursAvoided");
    expect(plain(ws.getCell(hours.address).value)).toBeCloseTo(
      modelled.proposal.streams[2].years[2].measures
        .find((m) => m.key === "homecareHoursAvoided")!
        .value.toNumber(),
      6,
    );
    const y = modelled.proposal.years[0];
    expect(plain(ws.getCell(owned(`profile.${y.label}.existingMtfs`).address).value)).toBe(
      y.existingMtfs.toNumber(),
    );
    expect(plain(ws.getCell(owned(`profile.${y.label}.addedBack`).address).value)).toBe(
      y.addedBack.toNumber(),
    );
    const value = owned("weighting.falls.target.value");
    expect(value.kind).toBe("formula");
    const r = value.address.slice(1);
    expect((ws.getCell(value.address).value as { formula: string }).formula).toBe(`B${r}*C${r}`);
    expect([text(ws, `B${r}`), text(ws, `C${r}`), plain(ws.getCell(value.address).value)]).toEqual([
      0.4, 0.5, 0.2,
    ]);
  });

  it("gives every owned cell its own key and every input its own field", async () => {
    const { port } = await workbook();
    const layout = await layoutOf(port);
    const keys = layout.cells.flatMap((c) => (c.kind === "engine" || c.kind === "formula" ? [c.key] : []));
    expect(keys.length).toBeGreaterThan(100);
    expect(new Set(keys).size).toBe(keys.length);
    const paths = layout.cells.flatMap((c) => (c.kind === "input" && !c.part ? [c.path] : []));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("puts every input where the JSON says, even when the engine refuses the stored proposal", () => {
    const inputs = (proposal: Record<string, unknown>) =>
      proposalSheetLayout({
        sheet: SHEET,
        proposal,
        fyLabels: ["FY26/27", "FY27/28"],
        assumptionsInWords: true,
      }).cells.flatMap((c) => (c.kind === "input" ? [`${c.address} ${c.path}`] : []));
    const good = multiStreamProposal();
    // An unknown field, as an earlier version stored: the engine refuses it, so no measures are known.
    expect(inputs({ ...good, attachment: "x" })).toEqual(inputs(good));
  });

  it("reads back the proposal it wrote and refreshes without a change", async () => {
    const { port } = await workbook();
    const back = (await readProposal(port, SHEET)) as { assumptions: unknown };
    // The sheet gives the MTFS overlap its row though the JSON left it out (a cell to fill in later); blank, it
    // reads back as none, which is what the omitted field meant.
    expect(back.assumptions).toEqual({
      ...(multiStreamProposal().assumptions as object),
      mtfsOverlap: { kind: "none", amountPerYear: null },
    });
    const report = await refreshWorkbook(port);
    expect([report.errors, report.changes]).toEqual([[], []]);
  });

  it("is idempotent after any valid edit of a stream's assumptions (property)", async () => {
    const { wb } = await workbook();
    const buffer = await wb.xlsx.writeBuffer();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          target: fc.double({ min: 0.01, max: 0.6, noNaN: true }),
          duration: fc.double({ min: 10, max: 250, noNaN: true }),
          finishers: fc.integer({ min: 0, max: 400 }),
          weighting: fc.double({ min: 0.1, max: 1, noNaN: true }),
        }),
        async (edit) => {
          const loaded = new ExcelJS.Workbook();
          await loaded.xlsx.load(buffer);
          const { wb: w, port } = await roundTrip(loaded);
          const set = (field: string, v: number): void => {
            const n = w.definedNames.model.find((x) => x.name === `mtfs_PreventionTwoCohorts_${field}`)!;
            w.getWorksheet(SHEET)!.getCell(n.ranges[0].split("!")[1].replace(/\$/g, "")).value = v;
          };
          set("streams_0_target_value", edit.target);
          set("streams_1_durationWeeks", edit.duration);
          set("streams_2_finishersPerYear", edit.finishers);
          set("confidenceWeighting", edit.weighting);
          const first = await refreshWorkbook(port);
          expect(first.errors).toEqual([]);
          expect(first.changes.every((c) => !c.kept)).toBe(true);
          expect((await refreshWorkbook(port)).changes).toEqual([]);
          // The sheet's figures are the engine's for the edited proposal.
          const raw = (await readProposal(port, SHEET)) as ReturnType<typeof multiStreamProposal>;
          const layout = await layoutOf(port);
          const fy = modelProposal(raw).profile.years[3];
          const gross = layout.cells.find(
            (c) => c.kind === "engine" && c.key === `profile.${fy.label}.gross`,
          )!;
          expect(plain(w.getWorksheet(SHEET)!.getCell(gross.address).value)).toBeCloseTo(
            fy.gross.toNumber(),
            6,
          );
        },
      ),
      { numRuns: 6 },
    );
  });
});

describe("a proposal sheet with a stream of every kind (issue 13)", () => {
  const everyKindProposal = async () => {
    const { everyKind, HORIZON_JSON } = await import("../engine/format/streams.fixtures");
    return {
      ...multiStreamProposal(),
      opportunity: { ...(multiStreamProposal().opportunity as object), name: "Every kind" },
      assumptions: { horizon: HORIZON_JSON, streams: everyKind },
    };
  };

  it("captions every field in words, each once within its stream", async () => {
    const proposal = await everyKindProposal();
    const layout = proposalSheetLayout({
      sheet: "Every kind",
      proposal,
      fyLabels: [],
      assumptionsInWords: true,
    });
    const captions = new Map<string, string[]>();
    let section = "";
    for (const c of layout.cells) {
      if (c.kind !== "label" || !c.address.startsWith("A")) continue;
      if (/^(Stream \d|Whole proposal)/.test(c.text)) section = c.text;
      captions.set(section, [...(captions.get(section) ?? []), c.text]);
    }
    expect(captions.size).toBeGreaterThanOrEqual(8);
    for (const [s, texts] of captions) {
      if (s === "") continue;
      expect([s, texts.filter((t) => /^[a-z]\w*(\.|\[\d+\])/.test(t))]).toEqual([s, []]);
      expect([s, texts.filter((t, i) => texts.indexOf(t) !== i)]).toEqual([s, []]);
    }
  });

  it("offers in each dropdown only values the engine takes for that field", async () => {
    const { checkProposal, isEngineError } = await import("../../src/engine");
    const { setPath } = await import("../../src/workbook/jsonPath");
    const proposal = await everyKindProposal();
    expect(() => checkProposal(proposal)).not.toThrow();
    const layout = proposalSheetLayout({
      sheet: "Every kind",
      proposal,
      fyLabels: [],
      assumptionsInWords: true,
    });
    let checked = 0;
    for (const c of layout.cells) {
      if (c.kind !== "input" || !c.choices || c.type === "boolean") continue;
      for (const choice of c.choices) {
        checked++;
        try {
          checkProposal(setPath(proposal, c.path, c.codes?.[choice.toLowerCase()] ?? choice));
        } catch (e) {
          if (!isEngineError(e)) throw e;
          expect([c.path, choice, e.field]).not.toEqual([c.path, choice, c.path]);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
