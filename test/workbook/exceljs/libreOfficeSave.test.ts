import * as fs from "fs";
import * as path from "path";
import * as ExcelJS from "exceljs";
import JSZip from "jszip";
import { decimalCalculator, parseDemandModel, projectDemand } from "../../../src/engine";
import { updateDashboard } from "../../../src/workbook/dashboard";
import { writeDemandSheet } from "../../../src/workbook/demand";
import { ExcelJsPort } from "../../../src/workbook/exceljs/excelJsPort";
import { loadXlsxPreserving } from "../../../src/workbook/exceljs/packageOrigin";
import { sheetParts } from "../../../src/workbook/exceljs/packageXml";
import { refreshWorkbook } from "../../../src/workbook/operations";
import { importActuals } from "../../../src/workbook/tracking";
import { demoWorkbook, tempDir } from "../fixtures";
import { hasLibreOffice, recalcInLibreOffice } from "../libreoffice";

/**
 * A workbook opened and saved in LibreOffice with no edits, then refreshed and given a chart by the product (a
 * new-user trial): its figures above £100m read as NaN and were written back as NaN, the charts added
 * afterwards drew no series (no theme in the file), and every Programme link pointed at the file alone. One
 * soffice run: the demo programme with the national Demand sheet (figures in £bn).
 */

beforeAll(() => {
  if (!hasLibreOffice())
    throw new Error("LibreOffice (soffice) is not installed: run `bash scripts/install-system-deps.sh`");
});

const CFS = "CFS Targeted Prevention";

/** The Programme's links to the workbook's own sheets, as ExcelJS holds them. */
function programmeLinks(ws: ExcelJS.Worksheet): { address: string; text: string; link: string }[] {
  const out: { address: string; text: string; link: string }[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value as { text?: string; hyperlink?: string } | null;
      if (v && typeof v === "object" && v.hyperlink?.startsWith("#"))
        out.push({ address: cell.address, text: String(v.text), link: v.hyperlink.slice(1) });
    }),
  );
  return out;
}

it("refreshes a LibreOffice-saved workbook to the same figures, colours its new charts and keeps its links", async () => {
  const { wb: demo, port } = await demoWorkbook();
  const before = programmeLinks(demo.getWorksheet("Programme")!);
  expect(before.length).toBeGreaterThan(2);
  const json = JSON.parse(
    fs.readFileSync(path.join(__dirname, "../../../examples/national-children-in-care.json"), "utf8"),
  );
  const model = parseDemandModel(json);
  await writeDemandSheet(port, model, projectDemand(model, decimalCalculator));
  const file = path.join(tempDir(), "e1.xlsx");
  fs.writeFileSync(file, await port.toXlsx());
  const saved = fs.readFileSync(await recalcInLibreOffice(file));
  const loZip = await JSZip.loadAsync(saved);
  expect(Object.keys(loZip.files).some((f) => f.startsWith("xl/theme/"))).toBe(false);

  const wb = new ExcelJS.Workbook();
  await loadXlsxPreserving(wb, saved);
  const lo = new ExcelJsPort(wb);
  const report = await refreshWorkbook(lo);
  expect(report.errors).toEqual([]);
  expect(report.lines.filter((l) => l.kept)).toEqual([]);
  // Every figure on the Demand sheet reads as a finite number (the largest are over £1bn).
  const demand = (await lo.readUsedRange("Demand")).flat().map((c) => c.value);
  expect(demand.filter((v) => typeof v === "number" && !Number.isFinite(v))).toEqual([]);
  expect(Math.max(...demand.filter((v): v is number => typeof v === "number"))).toBeGreaterThan(1e9);

  // The product adds a chart (the Dashboard's) and rewrites the Programme's name cells with their links.
  await importActuals(
    lo,
    [{ proposal: CFS, stream: "", period: "2027-Q1", measure: "saving", value: 12_500, source: "test" }],
    { dryRun: false },
  );
  await updateDashboard(lo);
  const linked = lo.workbook.getWorksheet("Programme")!;
  expect(programmeLinks(linked)).toEqual(before);
  await lo.writeCells(
    "Programme",
    programmeLinks(linked).map((l) => ({ address: l.address, value: l.text, link: l.link })),
  );
  const out = await JSZip.loadAsync(await lo.toXlsx());
  const parts = await sheetParts(out);
  for (const part of parts.values())
    expect(await out.file(part)!.async("string")).not.toMatch(/<v>(NaN|-?Infinity)</);

  const charts = Object.keys(out.files).filter((f) => /^xl\/charts\/mtfsChart\d+\.xml$/.test(f));
  expect(charts.length).toBeGreaterThan(0);
  for (const chart of charts) {
    const xml = await out.file(chart)!.async("string");
    const series = [...xml.matchAll(/<c:ser>(.*?)<\/c:ser>/gs)].map((m) => m[1]);
    expect(series.length).toBeGreaterThan(0);
    for (const s of series) expect(s).toMatch(/<\/c:tx><c:spPr>.*<a:srgbClr val="[0-9A-F]{6}"\/>/s);
  }

  const programme = await out.file(parts.get("Programme")!)!.async("string");
  const links = [...programme.matchAll(/<hyperlink [^>]*>/g)].map((m) => m[0]);
  expect(links.length).toBe(before.length);
  for (const link of links) {
    expect(link).not.toMatch(/r:id=/);
    const location = /location="([^"]*)"/.exec(link)![1].replace(/&apos;/g, "'");
    const sheet = location.slice(0, location.lastIndexOf("!")).replace(/^'|'$/g, "").replace(/''/g, "'");
    expect(parts.has(sheet)).toBe(true);
  }
}, 240_000);
