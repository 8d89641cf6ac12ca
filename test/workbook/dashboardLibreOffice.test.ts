import * as path from "path";
import * as ExcelJS from "exceljs";
import { updateDashboard } from "../../src/workbook/dashboard";
import { DASHBOARD_SHEET } from "../../src/workbook/layouts/dashboardSheet";
import { importActuals } from "../../src/workbook/tracking";
import { cfsActual, demoWorkbook, fullDemoWorkbook, plain, tempDir } from "./fixtures";
import { hasLibreOffice, recalcInLibreOffice } from "./libreoffice";

/**
 * The Dashboard in a LibreOffice recalculation (issue 15, "Done when"): the demo workbook with a quarter of CFS
 * Targeted Prevention actuals, recalculated by an application that is not us. Every owned formula (variance, %
 * of plan, the programme totals, the chart data) comes to the value we cached, and the RAG formulas follow
 * thresholds typed into B4/B5 without a refresh. Tolerance 1e-6 relative (binary doubles against decimals).
 */

beforeAll(() => {
  if (!hasLibreOffice())
    throw new Error("LibreOffice (soffice) is not installed: run `bash scripts/install-system-deps.sh`");
});

it("recalculates the Dashboard to our figures, and its RAG from the thresholds typed on it", async () => {
  const { wb, port } = await demoWorkbook();
  const row = cfsActual;
  await importActuals(
    port,
    [
      row("2027-10", "avoidedEvents", 0),
      row("2027-11", "avoidedEvents", 0),
      row("2027-12", "avoidedEvents", 1),
      row("2027-Q3", "saving", 10_000),
    ],
    { dryRun: false },
  );
  await updateDashboard(port);
  const ws = wb.getWorksheet(DASHBOARD_SHEET)!;
  const cached = new Map<string, unknown>();
  ws.eachRow((r) =>
    r.eachCell((c) => {
      if (c.formula) cached.set(c.address, plain(c.value));
    }),
  );
  // Typed by the user, no refresh: 46% of plan is now Green.
  ws.getCell("B4").value = 0.4;
  ws.getCell("B5").value = 0.2;
  const file = path.join(tempDir(), "dashboard.xlsx");
  await wb.xlsx.writeFile(file);

  const lo = new ExcelJS.Workbook();
  await lo.xlsx.readFile(await recalcInLibreOffice(file));
  const back = lo.getWorksheet(DASHBOARD_SHEET)!;
  const events = [9, 10, 11, 12].find((r) => back.getCell(`C${r}`).value === "Avoided events")!;
  expect(plain(back.getCell(`I${events}`).value)).toBe("Green");
  const mismatches: string[] = [];
  for (const [address, engine] of cached) {
    if (/^I\d+$/.test(address)) continue; // RAG: follows the new thresholds, checked above
    const got = plain(back.getCell(address).value);
    const same =
      typeof engine === "number" && typeof got === "number"
        ? Math.abs(got - engine) <= 1e-6 * Math.max(1, Math.abs(engine))
        : got === engine || (engine === "" && got === null);
    if (!same) mismatches.push(`${address}: LibreOffice ${String(got)}, engine ${String(engine)}`);
  }
  expect(mismatches).toEqual([]);
  expect(cached.size).toBeGreaterThan(10);
}, 200_000);

it("recalculates a Dashboard with per-stream rows to our figures: the programme total adds each stream once", async () => {
  const { wb, port } = await fullDemoWorkbook();
  const row = (proposal: string, stream: string, period: string, value: number) => ({
    proposal,
    stream,
    period,
    measure: "saving",
    value,
    source: "test",
  });
  await importActuals(
    port,
    [
      row("Income Maximisation", "fees", "2026-Q3", 5_000),
      row("Income Maximisation", "traded", "2027-Q1", 20_000),
      row("Reablement", "", "2026-Q3", 100_000),
    ],
    { dryRun: false },
  );
  await updateDashboard(port);
  const ws = wb.getWorksheet(DASHBOARD_SHEET)!;
  const cached = new Map<string, unknown>();
  ws.eachRow((r) =>
    r.eachCell((c) => {
      if (c.formula) cached.set(c.address, plain(c.value));
    }),
  );
  const file = path.join(tempDir(), "dashboard-streams.xlsx");
  await wb.xlsx.writeFile(file);
  const lo = new ExcelJS.Workbook();
  await lo.xlsx.readFile(await recalcInLibreOffice(file));
  const back = lo.getWorksheet(DASHBOARD_SHEET)!;
  const mismatches: string[] = [];
  for (const [address, engine] of cached) {
    const got = plain(back.getCell(address).value);
    const same =
      typeof engine === "number" && typeof got === "number"
        ? Math.abs(got - engine) <= 1e-6 * Math.max(1, Math.abs(engine))
        : got === engine || (engine === "" && got === null);
    if (!same) mismatches.push(`${address}: LibreOffice ${String(got)}, engine ${String(engine)}`);
  }
  expect(mismatches).toEqual([]);
  let total: number | undefined;
  back.eachRow((r) => {
    if (r.getCell(1).value === "Programme (modelled proposals): £ saving")
      total = plain(r.getCell(6).value) as number;
  });
  expect(total).toBeCloseTo(125_000, 6);
}, 200_000);
