import {
  Decimal,
  EngineError,
  defaultScenarios,
  stretchAsConfident,
  type CostEstimate,
  type ScenarioDefinition,
  type ScenarioInput,
} from "../engine";
import { POUNDS_PER_MILLION, type ProgrammeConfig } from "./layouts/programmeConfig";
import { programmePositions } from "./layouts/programmeSheet";
import { resourceCostLayout } from "./layouts/resourceCostSheet";
import { SCENARIOS_SHEET, scenariosLayout } from "./layouts/scenariosSheet";
import { isOwned } from "./layouts/types";
import { anchorNameList, anchorNames, identityPlacement, isIdentity, type Placements } from "./anchors";
import { toWrite } from "./ownedCells";
import type { WorkbookPort } from "./port";

/**
 * The scenario inputs of a programme (examples/programme.json's `stretch` and `resourceCost`), in £: the
 * Programme total per MTFS year is the confident benefit, the typed resource areas are the typed estimate.
 */

function finite(v: unknown, field: string): Decimal {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new EngineError("invalid-type", field, `must be a number, got ${JSON.stringify(v)}`);
  }
  return new Decimal(v);
}

/**
 * The engine's ScenarioInput from a programme config, its totals and area amounts (both £, as the sheets hold
 * them), and the proposals' own stretch per MTFS year (£, summed over proposals that state one).
 *
 * @example
 * programmeScenarioInput(config, [0.4e6, 4.2e6, 16.8e6, 27.2e6], areaAmounts).stretch[3].toNumber() // 26300000
 */
export function programmeScenarioInput(
  config: ProgrammeConfig,
  totals: readonly number[],
  areaAmounts: readonly (readonly number[])[],
  proposalStretch?: readonly Decimal[],
): ScenarioInput {
  const years = config.mtfsYears;
  const fyLabels = config.fyLabels.slice(0, years);
  const confident = totals.slice(0, years).map((t) => new Decimal(t));
  const stated = config.stretch
    ? stretchAsConfident(
        confident,
        finite(config.stretch.lastMtfsYearMillions, "stretch.lastMtfsYearMillions").times(POUNDS_PER_MILLION),
      )
    : confident.map(() => new Decimal(0));
  const stretch = stated.map((s, i) => s.plus(proposalStretch?.[i] ?? 0));
  const costEstimates = (config.resourceCost.costEstimates ?? []).map((e, i): CostEstimate => {
    const field = `resourceCost.costEstimates[${i}]`;
    if ((e.totalImplementationMillions === undefined) === (e.externalShare === undefined)) {
      throw new EngineError(
        "contradictory",
        field,
        "give totalImplementationMillions or externalShare, one of them",
      );
    }
    return e.totalImplementationMillions !== undefined
      ? {
          name: e.name,
          kind: "total",
          total: finite(e.totalImplementationMillions, `${field}.totalImplementationMillions`).times(
            POUNDS_PER_MILLION,
          ),
        }
      : { name: e.name, kind: "externalShare", share: finite(e.externalShare, `${field}.externalShare`) };
  });
  return {
    fyLabels,
    confident,
    stretch,
    costAreas: config.resourceCost.areas.map((a, i) => ({
      area: a.area,
      amounts: (areaAmounts[i] ?? []).slice(0, years).map((x) => new Decimal(x)),
      external: a.external === true,
    })),
    typedEstimate: config.resourceCost.typedEstimate ?? "High",
    costEstimates,
  };
}

/**
 * The programme's scenarios: the engine's default set for its stretch and cost estimates, with the shares of
 * the stretch the Scenarios sheet holds now where given (a blank or non-number keeps the default).
 *
 * @example
 * scenarioDefinitions(config).map((s) => s.name) // ["Confident", "Stretch", "50% of stretch", "Medium costs"]
 */
export function scenarioDefinitions(
  config: ProgrammeConfig,
  shares: readonly (number | null)[] = [],
): ScenarioDefinition[] {
  return defaultScenarios({
    hasStretch: offersStretch(config),
    typedEstimate: config.resourceCost.typedEstimate ?? "High",
    estimates: (config.resourceCost.costEstimates ?? []).map((e) => e.name),
  }).map((s, i) => {
    const share = shares[i];
    return typeof share === "number" && Number.isFinite(share) && share >= 0
      ? { ...s, stretchShare: new Decimal(share) }
      : s;
  });
}

/**
 * Whether the programme offers the Stretch scenarios: it states its own `stretch`, or a proposal states a
 * stretch target (`proposalStretch`, set by `withScenarios`).
 *
 * @example
 * offersStretch({ ...config, stretch: undefined, proposalStretch: true }) // true
 */
export function offersStretch(config: ProgrammeConfig): boolean {
  return config.stretch !== undefined || config.proposalStretch === true;
}

/**
 * The proposals' own stretch per FY column (£): the sum of what each linked proposal's stretch target adds.
 *
 * @example
 * linkedStretch(config, links).map(String) // ["0", "120000", "480000", "900000", "900000"]
 */
export function linkedStretch(
  config: ProgrammeConfig,
  links: Iterable<{ readonly stretchByFy?: ReadonlyMap<string, number> }>,
): Decimal[] {
  const all = [...links];
  return config.fyLabels.map((fy) =>
    all.reduce((sum, l) => sum.plus(l.stretchByFy?.get(fy) ?? 0), new Decimal(0)),
  );
}

/**
 * The one decision on scenarios, used by `calc scenarios`, the workbook writer and refresh: the config with
 * `proposalStretch` set when the proposals' stretch (£ per FY) is not 0 anywhere, and `scenariosSheet` when
 * there is a stretch to offer or a cost estimate. Neither flag is ever cleared, so a sheet keeps its columns.
 *
 * @example
 * withScenarios(EMPTY_PROGRAMME, [new Decimal(0), new Decimal(1e5)]).scenariosSheet // true
 */
export function withScenarios(config: ProgrammeConfig, proposalStretch: readonly Decimal[]): ProgrammeConfig {
  const fromProposals = config.proposalStretch === true || proposalStretch.some((s) => !s.isZero());
  const next: ProgrammeConfig = fromProposals ? { ...config, proposalStretch: true } : config;
  const sheet =
    config.scenariosSheet === true ||
    offersStretch(next) ||
    (config.resourceCost.costEstimates ?? []).length > 0;
  return sheet && config.scenariosSheet !== true ? { ...next, scenariosSheet: true } : next;
}

/** A programme config after `ensureScenarios`, and where its sheets are now. */
export interface EnsuredScenarios {
  readonly config: ProgrammeConfig;
  readonly placements?: Placements;
}

/**
 * Brings a workbook's Scenarios sheet to `withScenarios`: adds the sheet, or the Stretch columns to it, when
 * the proposals now state a stretch. Writes its labels, share inputs (a share typed before is kept, by
 * scenario name), anchors and widths; the figures are the programme sync's to write after. Nothing changes on
 * a dry run, or when the sheet is there but moved or lost (its columns cannot be laid out again).
 *
 * @example
 * const { config, placements } = await ensureScenarios(port, programme, linkedStretch(programme, links.values()), placed, false);
 */
export async function ensureScenarios(
  port: WorkbookPort,
  config: ProgrammeConfig,
  proposalStretch: readonly Decimal[],
  placements: Placements | undefined,
  dryRun: boolean,
): Promise<EnsuredScenarios> {
  const next = withScenarios(config, proposalStretch);
  const same =
    (next.scenariosSheet === true) === (config.scenariosSheet === true) &&
    (next.proposalStretch === true) === (config.proposalStretch === true);
  if (same || dryRun || !next.scenariosSheet) return { config, placements };
  const pos = programmePositions(config);
  const resource = resourceCostLayout(config, pos);
  const shares = new Map<string, number>();
  if (config.scenariosSheet) {
    const placed = placements?.get(SCENARIOS_SHEET);
    if (placements && (!placed || !isIdentity(placed))) return { config, placements };
    const before = scenarioDefinitions(config);
    const inputs = scenariosLayout(config, pos, resource, before).cells.flatMap((c) =>
      c.kind === "input" ? [c.address] : [],
    );
    const cells = await port.readCells(SCENARIOS_SHEET, inputs);
    before.forEach((d, i) => {
      const v = cells[i]?.value;
      if (typeof v === "number") shares.set(d.name, v);
    });
  }
  const defs = scenarioDefinitions(next).map((d) => {
    const share = shares.get(d.name);
    return share === undefined ? d : { ...d, stretchShare: new Decimal(share) };
  });
  const layout = scenariosLayout(next, pos, resource, defs);
  if (!(await port.listSheets()).some((s) => s.name === SCENARIOS_SHEET))
    await port.addSheet(SCENARIOS_SHEET);
  await port.writeCells(SCENARIOS_SHEET, layout.cells.filter((c) => !isOwned(c)).map(toWrite));
  await port.deleteNames(anchorNameList(layout));
  await port.defineNames(anchorNames(layout));
  if (layout.columnWidths) await port.setColumnWidths(SCENARIOS_SHEET, layout.columnWidths);
  const now = new Map(placements ?? []);
  now.set(SCENARIOS_SHEET, identityPlacement(layout));
  return { config: next, placements: placements ? now : undefined };
}
