import JSZip from "jszip";
import { parseAddress } from "../address";
import type { BarChartSpec, CellScalar, ComboChartSpec } from "../port";
import { escapeXml as esc, NO_FOLDERS, NS_REL, parseRels, relsXml, sheetParts } from "./packageXml";

/**
 * ExcelJS cannot write charts, so the charts (the profile's in-year bars and cumulative line on the same
 * axes, a tornado's bars) are added to the saved .xlsx package afterwards: one chart part per chart, one
 * drawing part per sheet holding them all, and their relationships. Series point at the sheet's cells, with
 * the current values cached for viewers that do not recalculate.
 */

/** A combo chart to add, with the cached category labels and values of its series. */
export interface ComboChartToAdd {
  readonly kind?: "combo";
  readonly spec: ComboChartSpec;
  readonly categories: readonly CellScalar[];
  readonly bars: readonly CellScalar[];
  readonly line: readonly CellScalar[];
  /** Cached values of `spec.moreLines`, in order. */
  readonly moreLines?: readonly (readonly CellScalar[])[];
}

/** A bar chart (a tornado) to add, with the cached category labels and the values of each series. */
export interface BarChartToAdd {
  readonly kind: "bar";
  readonly spec: BarChartSpec;
  readonly categories: readonly CellScalar[];
  readonly series: readonly (readonly CellScalar[])[];
}

export type ChartToAdd = ComboChartToAdd | BarChartToAdd;

const REL_DRAWING = `${NS_REL}/drawing`;
const REL_CHART = `${NS_REL}/chart`;

function absRange(sheet: string, range: string): string {
  const [a, b = a] = range.split(":");
  const abs = (x: string): string => x.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return `'${sheet.replace(/'/g, "''")}'!${abs(a)}:${abs(b)}`;
}

function strCache(values: readonly CellScalar[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(String(v ?? ""))}</c:v></c:pt>`).join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: readonly CellScalar[]): string {
  const pts = values
    .map((v, i) => (typeof v === "number" ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ""))
    .join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

/**
 * The series colours, by series index: the accents of the theme ExcelJS writes, so charts look as they always
 * did in Excel. Written on every series because a package saved by LibreOffice has no theme to take them from
 * (its series were drawn without fill or line: invisible).
 */
export const SERIES_COLOURS = ["4F81BD", "C0504D", "9BBB59", "8064A2", "4BACC6", "F79646"] as const;

const colourOf = (idx: number): string => SERIES_COLOURS[idx % SERIES_COLOURS.length];
const solid = (idx: number): string => `<a:solidFill><a:srgbClr val="${colourOf(idx)}"/></a:solidFill>`;
/** A bar's fill. */
const barShape = (idx: number): string => `<c:spPr>${solid(idx)}</c:spPr>`;
/** A line's stroke, and its markers filled and outlined in the same colour. */
const lineShape = (idx: number): string =>
  `<c:spPr><a:ln w="28575" cap="rnd">${solid(idx)}<a:round/></a:ln></c:spPr>`;
const markerShape = (idx: number): string =>
  `<c:spPr>${solid(idx)}<a:ln w="9525">${solid(idx)}</a:ln></c:spPr>`;

function series(chart: ComboChartToAdd, which: "bars" | "line" | number, idx: number): string {
  const s = chart.spec;
  const ser = typeof which === "number" ? (s.moreLines ?? [])[which] : s[which];
  const cached = typeof which === "number" ? ((chart.moreLines ?? [])[which] ?? []) : chart[which];
  const cat = `<c:cat><c:strRef><c:f>${esc(absRange(s.sheet, s.categories))}</c:f>${strCache(chart.categories)}</c:strRef></c:cat>`;
  const val = `<c:val><c:numRef><c:f>${esc(absRange(s.sheet, ser.values))}</c:f>${numCache(cached)}</c:numRef></c:val>`;
  const head = `<c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${esc(ser.name)}</c:v></c:tx>`;
  return which === "bars"
    ? `<c:ser>${head}${barShape(idx)}<c:invertIfNegative val="0"/>${cat}${val}</c:ser>`
    : `<c:ser>${head}${lineShape(idx)}<c:marker><c:symbol val="circle"/><c:size val="5"/>${markerShape(idx)}</c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`;
}

/** The value axis in £m to 1 dp, unless the spec says otherwise. */
const DEFAULT_VALUE_FORMAT = '"£"#,##0.0,,"m"';

/**
 * The chart part of a combo chart.
 *
 * @example
 * chartXml(chart).startsWith("<?xml") // true
 */
export function chartXml(chart: ChartToAdd): string {
  if (chart.kind === "bar") return barChartXml(chart);
  return (
    chartHead(chart.spec.title) +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series(chart, "bars", 0)}` +
    `<c:gapWidth val="150"/><c:axId val="5001"/><c:axId val="5002"/></c:barChart>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series(chart, "line", 1)}` +
    (chart.spec.moreLines ?? []).map((_, i) => series(chart, i, i + 2)).join("") +
    `<c:marker val="1"/><c:axId val="5001"/><c:axId val="5002"/></c:lineChart>` +
    `<c:catAx><c:axId val="5001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="low"/><c:crossAx val="5002"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:majorGridlines/><c:numFmt formatCode="${esc(chart.spec.valueFormat ?? DEFAULT_VALUE_FORMAT)}" sourceLinked="0"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="5001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    CHART_TAIL
  );
}

function chartHead(title: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_REL}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${esc(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>`
  );
}

const CHART_TAIL =
  `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>` +
  `<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;

/**
 * A tornado: horizontal clustered bars, the series overlapping fully (an input's low and high bars on one
 * line about 0), the categories top to bottom in the table's order (largest swing first), so the value axis
 * sits at the bottom (it crosses at the last category).
 */
function barChartXml(chart: BarChartToAdd): string {
  const s = chart.spec;
  const cat = `<c:cat><c:strRef><c:f>${esc(absRange(s.sheet, s.categories))}</c:f>${strCache(chart.categories)}</c:strRef></c:cat>`;
  const sers = s.series
    .map((ser, i) => {
      const val = `<c:val><c:numRef><c:f>${esc(absRange(s.sheet, ser.values))}</c:f>${numCache(chart.series[i] ?? [])}</c:numRef></c:val>`;
      return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(ser.name)}</c:v></c:tx>${barShape(i)}<c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
    })
    .join("");
  return (
    chartHead(s.title) +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${sers}` +
    `<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="5001"/><c:axId val="5002"/></c:barChart>` +
    `<c:catAx><c:axId val="5001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="low"/><c:crossAx val="5002"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="5002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:majorGridlines/><c:numFmt formatCode="${esc(s.valueFormat ?? DEFAULT_VALUE_FORMAT)}" sourceLinked="0"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="5001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
    CHART_TAIL
  );
}

function anchor(tag: "from" | "to", address: string): string {
  const { column, row } = parseAddress(address);
  return `<xdr:${tag}><xdr:col>${column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
}

function anchorXml(spec: ComboChartSpec | BarChartSpec, i: number): string {
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${anchor("from", spec.from)}${anchor("to", spec.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(spec.name ?? spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_REL}" r:id="rId${i + 1}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function drawingXml(specs: readonly (ComboChartSpec | BarChartSpec)[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    specs.map(anchorXml).join("") +
    `</xdr:wsDr>`
  );
}

/**
 * Adds the charts to a saved .xlsx package and returns the new package. Sheets that already have a drawing
 * are left alone (the chart data stays in the cells).
 *
 * @example
 * const withChart = await addChartsToXlsx(await wb.xlsx.writeBuffer(), [chart]);
 */
export async function addChartsToXlsx(
  xlsx: ArrayBuffer | Uint8Array,
  charts: readonly ChartToAdd[],
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  if (charts.length === 0) return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  const parts = await sheetParts(zip);
  let types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  // One drawing per sheet holds all of its charts.
  const bySheet = new Map<string, ChartToAdd[]>();
  for (const chart of charts)
    bySheet.set(chart.spec.sheet, [...(bySheet.get(chart.spec.sheet) ?? []), chart]);
  let n = 0;
  let c = 0;
  for (const [sheet, sheetCharts] of bySheet) {
    const part = parts.get(sheet);
    if (!part) continue;
    let sheetXml = (await zip.file(part)?.async("string")) ?? "";
    if (sheetXml.includes("<drawing ")) continue;
    // Numbers already taken (charts kept from the original package) are skipped.
    do n++;
    while (zip.file(`xl/drawings/mtfsDrawing${n}.xml`));
    const drawingPart = `xl/drawings/mtfsDrawing${n}.xml`;
    const chartParts = sheetCharts.map((chart) => {
      do c++;
      while (zip.file(`xl/charts/mtfsChart${c}.xml`));
      const chartPart = `xl/charts/mtfsChart${c}.xml`;
      zip.file(chartPart, chartXml(chart), NO_FOLDERS);
      return chartPart;
    });
    zip.file(drawingPart, drawingXml(sheetCharts.map((x) => x.spec)), NO_FOLDERS);
    zip.file(
      `xl/drawings/_rels/mtfsDrawing${n}.xml.rels`,
      relsXml(
        chartParts.map((p, i) => ({
          id: `rId${i + 1}`,
          type: REL_CHART,
          target: `../charts/${p.slice(p.lastIndexOf("/") + 1)}`,
          external: false,
        })),
      ),
      NO_FOLDERS,
    );
    const dir = part.slice(0, part.lastIndexOf("/"));
    const base = part.slice(part.lastIndexOf("/") + 1);
    const relsPath = `${dir}/_rels/${base}.rels`;
    const existing = parseRels(await zip.file(relsPath)?.async("string"));
    const rid = `rIdMtfsDrawing${n}`;
    const drawingRel = {
      id: rid,
      type: REL_DRAWING,
      target: `../drawings/mtfsDrawing${n}.xml`,
      external: false,
    };
    zip.file(relsPath, relsXml([...existing, drawingRel]), NO_FOLDERS);
    if (!/<worksheet\b[^>]*xmlns:r=/.test(sheetXml))
      sheetXml = sheetXml.replace("<worksheet ", `<worksheet xmlns:r="${NS_REL}" `);
    // CT_Worksheet order: <drawing> comes before legacyDrawing, tableParts and extLst.
    const before = [
      "<legacyDrawing",
      "<legacyDrawingHF",
      "<picture",
      "<oleObjects",
      "<controls",
      "<webPublishItems",
      "<tableParts",
      "<extLst",
      "</worksheet>",
    ]
      .map((t) => sheetXml.indexOf(t))
      .filter((i) => i >= 0);
    const at = Math.min(...before);
    sheetXml = `${sheetXml.slice(0, at)}<drawing r:id="${rid}"/>${sheetXml.slice(at)}`;
    zip.file(part, sheetXml);
    types = types.replace(
      "</Types>",
      chartParts
        .map(
          (p) =>
            `<Override PartName="/${p}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
        )
        .join("") +
        `<Override PartName="/${drawingPart}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
    );
  }
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
