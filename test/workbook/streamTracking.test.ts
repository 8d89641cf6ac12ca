import fc from "fast-check";
import { Decimal, isEngineError, streamPeriodPlans, trackAssumptions } from "../../src/engine";
import { updateDashboard } from "../../src/workbook/dashboard";
import { proposeReprofile } from "../../src/workbook/history";
import { DASHBOARD_SHEET, SAVING_ALL_STREAMS } from "../../src/workbook/layouts/dashboardSheet";
import { TRACKING_SHEET, type TrackingActual } from "../../src/workbook/layouts/trackingSheet";
import { refreshWorkbook } from "../../src/workbook/operations";
import type { WorkbookPort } from "../../src/workbook/port";
import { checkActuals, importActuals, trackWorkbook, trackedProposals } from "../../src/workbook/tracking";
import { fullDemoWorkbook, roundTrip } from "./fixtures";

const INCOME = "Income Maximisation";

async function cellsOf(port: WorkbookPort, sheet: string) {
  return (await port.readUsedRange(sheet)).map((r) => r.map((c) => c.value));
}

/** One £ actual per stream of every demo proposal: its plan in the first quarter the stream saves. */
async function savingOnEveryStream(port: WorkbookPort): Promise<TrackingActual[]> {
  const { all } = await trackedProposals(port);
  return all.flatMap((p) =>
    streamPeriodPlans(p.assumptions, "quarter").flatMap((plan) => {
      const row = plan.rows.find((r) => r.saving.gt(1000));
      if (row === undefined) return [];
      return [
        {
          proposal: p.sheet,
          stream: p.assumptions.streams.length > 1 ? plan.id : "",
          period: row.label,
          measure: "saving",
          value: Math.round(row.saving.toNumber()),
          source: "test",
        },
      ];
    }),
  );
}

describe("tracking the demo's proposals per stream", () => {
  it("tracks all 11 of the demo's proposals, each stream on its own row of the Dashboard", async () => {
    const { port } = await fullDemoWorkbook();
    const actuals = await savingOnEveryStream(port);
    expect(await checkActuals(port, actuals, (k) => `actual ${k}`)).toEqual([]);
    await importActuals(port, actuals, { dryRun: false });
    const t = await trackWorkbook(port);
    expect(t.problems).toEqual([]);
    expect(t.proposals).toHaveLength(11);
    // A single cohort forecasts from its avoided events (as before); every other proposal from its £ too.
    expect(t.closures.filter((c) => c.fromActuals)).toHaveLength(8);
    for (const p of t.proposals) for (const m of p.summary.measures) expect(m.rag).toBe("Green");

    await updateDashboard(port);
    const rows = await cellsOf(port, DASHBOARD_SHEET);
    const header = rows.findIndex((r) => r[0] === "Proposal");
    const stream = rows[header].indexOf("Stream");
    const totalAt = rows.findIndex((r) => r[0] === "Programme (modelled proposals): £ saving");
    const income = rows.slice(header, totalAt).filter((r) => r[0] === INCOME);
    expect(income.map((r) => [r[2], r[stream]])).toEqual([
      ["Saving (£)", "fees"],
      ["Saving (£)", "traded"],
      [SAVING_ALL_STREAMS, null],
    ]);
    // The programme's £ total adds each stream once (not the proposal's total over its streams again).
    const total = rows[totalAt];
    const sum = actuals.reduce((s, a) => s + a.value, 0);
    expect(total[5] as number).toBeCloseTo(sum, 6);
  }, 60_000);

  it("forecasts the MTFS row of the last MTFS FY with the existing lines added back, as the sheet shows it", async () => {
    const { port } = await fullDemoWorkbook();
    const actuals = (await savingOnEveryStream(port)).filter((a) => a.proposal === "Reablement");
    await importActuals(port, actuals, { dryRun: false });
    const t = await trackWorkbook(port);
    const reablement = t.proposals.find((p) => p.sheet === "Reablement")!;
    const closure = t.closures.find((c) => c.name === reablement.name)!;
    const lastFy = Math.max(...closure.years.map((y) => y.fy));
    const row = reablement.summary.forecast!.forecast.years.find((y) => y.fy === lastFy)!;
    // Reablement adds back AC21 (£1.00m a year): its MTFS row is above the quantified opportunity.
    expect(row.mtfsImpact.gt(reablement.summary.forecast!.forecast.quantifiedOpportunity.plus(500_000))).toBe(
      true,
    );
    await updateDashboard(port);
    const rows = await cellsOf(port, DASHBOARD_SHEET);
    const header = rows.findIndex((r) => r[0] === "Proposal");
    const col = rows[header].indexOf("Forecast MTFS row (last MTFS FY)");
    const shown = rows.slice(header).find((r) => r[0] === reablement.name && typeof r[col] === "number")!;
    expect(shown[col] as number).toBeCloseTo(row.mtfsImpact.toNumber(), 2);
  }, 60_000);

  it("keeps refresh idempotent with per-stream actuals present, never changing an actual (a property)", async () => {
    const { wb: base, port: basePort } = await fullDemoWorkbook();
    const every = await savingOnEveryStream(basePort);
    const buffer = await base.xlsx.writeBuffer();
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(every, { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
        async (some, shares) => {
          const { port } = await roundTrip(await loadBuffer(buffer));
          const actuals = some.map((a, k) => ({ ...a, value: Math.round(a.value * shares[k]) }));
          await importActuals(port, actuals, { dryRun: false });
          await updateDashboard(port);
          const tracking = await cellsOf(port, TRACKING_SHEET);
          await refreshWorkbook(port, { dryRun: false });
          const dashboard = await cellsOf(port, DASHBOARD_SHEET);
          const again = await refreshWorkbook(port, { dryRun: false });
          expect(again.changes.filter((c) => c.sheet === DASHBOARD_SHEET)).toEqual([]);
          expect(await cellsOf(port, DASHBOARD_SHEET)).toEqual(dashboard);
          expect(await cellsOf(port, TRACKING_SHEET)).toEqual(tracking);
        },
      ),
      { numRuns: 3 },
    );
  }, 180_000);

  it("refresh reads the Tracking sheet once, for the Programme's RAG column and the Dashboard", async () => {
    const { port } = await fullDemoWorkbook();
    await importActuals(port, (await savingOnEveryStream(port)).slice(0, 3), { dryRun: false });
    await updateDashboard(port);
    let reads = 0;
    const counting = new Proxy(port, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop === "readUsedRange")
          return (sheet: string) => {
            if (sheet === TRACKING_SHEET) reads++;
            return target.readUsedRange(sheet);
          };
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await refreshWorkbook(counting, { dryRun: false });
    expect(reads).toBe(1);
  }, 60_000);

  it("reprofiles a proposal's one cohort stream, or its first other stream with actuals", async () => {
    const { port } = await fullDemoWorkbook();
    const { all } = await trackedProposals(port);
    const reunification = all.find(
      (p) => p.assumptions.streams[0]?.kind === "cohort" && !p.assumptions.cohort,
    )!;
    const [plan] = streamPeriodPlans(reunification.assumptions, "quarter");
    const rows = plan.rows.filter((r) => r.saving.gt(1000)).slice(0, 4);
    await importActuals(
      port,
      rows.map((r) => ({
        proposal: reunification.sheet,
        stream: "",
        period: r.label,
        measure: "saving",
        value: Math.round(r.saving.toNumber() / 2),
        source: "test",
      })),
      { dryRun: false },
    );
    const p = await proposeReprofile(port, reunification.sheet);
    expect(p.reprofile.measure).toBe("saving");
    expect(p.reprofile.reading.kind).not.toBe("laterStart");
    await expect(proposeReprofile(port, INCOME)).rejects.toThrow(
      /Income Maximisation: no actuals on the Tracking sheet for its streams fees \(income\), traded \(income\)/,
    );
    // A stream that is not a cohort: its first stream with actuals, on its £ (half the plan over two FYs: a
    // lower target; within one FY a later start would fit as well, the plan being spread by days).
    const income = all.find((x) => x.sheet === INCOME)!;
    const traded = streamPeriodPlans(income.assumptions, "quarter")[1].rows.filter((r) => r.saving.gt(1000));
    await importActuals(
      port,
      traded.slice(0, 6).map((r) => ({
        proposal: INCOME,
        stream: "traded",
        period: r.label,
        measure: "saving",
        value: r.saving.toNumber() / 2,
        source: "test",
      })),
      { dryRun: false },
    );
    const q = await proposeReprofile(port, INCOME);
    expect("stream" in q.reprofile && q.reprofile.stream).toBe("traded");
    expect(q.reprofile.reading).toEqual({ kind: "targetReached", factor: new Decimal("0.5") });
    const streams = q.assumptions.streams as { id: string; confidenceWeighting?: number }[];
    expect(streams.find((x) => x.id === "traded")?.confidenceWeighting).toBe(0.5);
  }, 60_000);
});

describe("one rule for which stream an actual is of", () => {
  it('reprofiles a one-stream proposal on actuals naming its stream "cohort", as tracking reads them', async () => {
    const { port } = await fullDemoWorkbook();
    const { all } = await trackedProposals(port);
    const reunification = all.find(
      (p) => p.assumptions.streams[0]?.kind === "cohort" && !p.assumptions.cohort,
    )!;
    const [plan] = streamPeriodPlans(reunification.assumptions, "quarter");
    const rows = plan.rows.filter((r) => r.measures.avoidedEvents.gt(0.5)).slice(0, 3);
    const actuals = rows.map((r) => ({
      proposal: reunification.sheet,
      stream: "cohort",
      period: r.label,
      measure: "avoidedEvents",
      value: Math.round(r.measures.avoidedEvents.toNumber() / 2),
      source: "test",
    }));
    expect(await checkActuals(port, actuals, (k) => `actual ${k}`)).toEqual([]);
    await importActuals(port, actuals, { dryRun: false });
    const t = await trackWorkbook(port);
    expect(t.proposals.find((p) => p.sheet === reunification.sheet)?.summary.forecast).toBeDefined();
    const p = await proposeReprofile(port, reunification.sheet);
    // A cohort's reprofile on its avoided events (measure absent), the approved plan off by the half not delivered.
    expect(p.reprofile.measure).toBeUndefined();
    expect(p.reprofile.approvedSquaredError.gt(0)).toBe(true);
  }, 60_000);

  it("refuses on import exactly the actuals tracking refuses, naming the same field (a property)", async () => {
    const { port } = await fullDemoWorkbook();
    const { all } = await trackedProposals(port);
    const measures = ["saving", "avoidedEvents", "caseloadReduction", "fteReduced", "unitsCharged", "hours"];
    const ids = [...new Set(all.flatMap((p) => p.assumptions.streams.map((s) => s.id)))];
    // One import check of a batch (it reads the proposal sheets once), each actual beside tracking's verdict.
    const actual = fc.record({
      p: fc.constantFrom(...all),
      stream: fc.constantFrom("", "cohort", "nobody", ...ids),
      measure: fc.constantFrom(...measures),
      period: fc.constantFrom("2025-Q4", "2026-Q3", "2027-11", "2031-Q1", "2040-01"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(actual, { minLength: 30, maxLength: 30 }), async (batch) => {
        const rows = batch.map(({ p, stream, measure, period }) => ({
          proposal: p.sheet,
          stream,
          period,
          measure,
          value: 1,
          source: "test",
        }));
        const problems = await checkActuals(port, rows, (k) => `row ${k}`);
        const refused = batch.flatMap(({ p, stream, measure, period }, k) => {
          try {
            trackAssumptions(p.assumptions, [{ stream, period, measure, value: new Decimal(1) }]);
            return [];
          } catch (e) {
            if (!isEngineError(e)) throw e;
            return [`row ${k}: ${e.field}`];
          }
        });
        expect(problems.map((m) => m.split(":").slice(0, 2).join(":"))).toEqual(refused);
      }),
      { numRuns: 3 },
    );
  }, 60_000);
});

async function loadBuffer(buffer: ArrayBuffer | Buffer) {
  const ExcelJS = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  return wb;
}
