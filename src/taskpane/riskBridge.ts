import {
  COST_AVOIDANCE_NOTE,
  MTFS_ROW_ONLY,
  PLAN_REACHED_TEXT,
  DEFAULT_DEFLATOR_PER_YEAR,
  GREEN_BOOK_STANDARD,
  flatDeflatorIndex,
  formatMoney,
  fyLabel,
  grossByCashability,
  hasCostAvoidance,
  movesOnlyMtfsRow,
  sensitivityNote,
  endsNote,
  isEngineError,
  profileGreenBook,
  proposalRiskModel,
  proposalSensitivity,
  rankedRows,
  unmovedLine,
  proposalStretchRows,
  proposalTornadoModel,
  riskAdjustedProfile,
  simulateSteps,
  moneyUnitsText,
  toMillions,
  benefitCostRatioText,
  discountedPaybackText,
  type Profile,
  type Proposal,
  type ProposalProfile,
  type Simulation,
} from "../engine";
import { inputName, inputValueText, type InputContext } from "./preview/inputLabels";

/**
 * The preview's risk and appraisal panels, from the engine alone (sensitivity.ts, simulate.ts,
 * profileGreenBook.ts, proposalStretch.ts, cashability.ts): every figure is the engine's, rounded here only
 * for display by the one money rule (`formatMoney`: £m to 2 dp, £k below £0.1m, "-" below £50), as the CLI
 * and the sheets word it; a table's caption says when it mixes the two (`moneyUnitsText`). Nothing is
 * calculated in the taskpane.
 */

/** What the panels read of a valid draft (engineBridge's ModelledDraft has these). */
export interface RiskSubject {
  readonly proposal: Proposal;
  /** The draft as written (its JSON): which timeline lengths it states in months, as the tornado moves them. */
  readonly raw: unknown;
  readonly profile: Profile;
  readonly lines: ProposalProfile;
}

/** One bar of the tornado: an input at its low and high, and the quantified opportunity at each. */
export interface TornadoRow {
  readonly path: string;
  readonly label: string;
  readonly lowText: string;
  readonly highText: string;
  /** True when the ends are the default ±10% (not the draft's risk inputs). */
  readonly defaultEnds: boolean;
  readonly atLowText: string;
  readonly atHighText: string;
  readonly swingText: string;
  /** £m, for the chart. */
  readonly atLowMillions: number;
  readonly atHighMillions: number;
  readonly note?: string;
}

/** The tornado of the draft's quantified opportunity. */
export interface SensitivityView {
  readonly fyLabel: string;
  readonly baseText: string;
  readonly baseMillions: number;
  /** The inputs that move a figure, largest swing first (rankedRows). */
  readonly rows: readonly TornadoRow[];
  /** The line beneath saying how many inputs change nothing ("" when all move a figure; unmovedLine). */
  readonly unmoved: string;
  /** The table's unit for its caption (moneyUnitsText). */
  readonly units: string;
}

/** One FY of the simulated MTFS row. */
export interface SimulatedYearView {
  readonly label: string;
  readonly plannedText: string;
  readonly p10Text: string;
  readonly p50Text: string;
  readonly p90Text: string;
  /** "46%": the share of iterations at or above the planned figure. */
  readonly probabilityText: string;
  /** £m for the fan chart. */
  readonly plannedMillions: number;
  readonly p10Millions: number;
  readonly p50Millions: number;
  readonly p90Millions: number;
}

/** A finished Monte Carlo run of the draft. */
export interface SimulationView {
  readonly iterations: number;
  readonly seed: number;
  readonly years: readonly SimulatedYearView[];
  /** The last MTFS FY (the quantified opportunity's year) and the chance of reaching its MTFS figure. */
  readonly mtfsLabel: string;
  readonly mtfsProbabilityText: string;
  /** The inputs drawn, in words ("none": a point figure). */
  readonly drawn: readonly string[];
  /** What P(≥ plan) counts, as the CLI and the Risk sheet say it (PLAN_REACHED_TEXT). */
  readonly probabilityNote: string;
  /** The table's unit for its caption (moneyUnitsText). */
  readonly units: string;
}

/** The risk-adjusted MTFS row, the stretch, the Green Book figures and the cashable split of the draft. */
export interface AppraisalView {
  readonly years: readonly string[];
  /** The MTFS row per FY. */
  readonly mtfsTexts: readonly string[];
  /** Absent without a confidence level. */
  readonly riskAdjusted?: {
    readonly confidence: string;
    readonly optimismBiasText: string;
    readonly adjustedTexts: readonly string[];
  };
  /** Absent when the draft states no stretch target. */
  readonly stretch?: {
    /** What the stretch adds to the MTFS row per FY. */
    readonly extraTexts: readonly string[];
    /** The MTFS row with the stretch target (the engine's stretched row). */
    readonly stretchedTexts: readonly string[];
  };
  /** The scenario table's unit for its caption (moneyUnitsText). */
  readonly scenarioUnits: string;
  readonly greenBook: {
    readonly npvText: string;
    readonly bcrText: string;
    readonly paybackText: string;
    readonly basisText: string;
  };
  /** Gross by cashability per FY (rows only for kinds with a non-zero year). */
  readonly cashability: readonly { readonly kind: string; readonly texts: readonly string[] }[];
  /** The cashability table's unit for its caption (moneyUnitsText). */
  readonly cashabilityUnits: string;
  /** What cost avoidance is (the engine's one sentence), when some FY has it. */
  readonly costAvoidanceNote?: string;
}

/** Progress and cancellation of a run in the pane. */
export interface RunControl {
  readonly onProgress: (done: number, total: number) => void;
  /** Checked between chunks: true stops the run (the promise resolves to null). */
  readonly cancelled: () => boolean;
}

/** A run's settings as typed (whole numbers checked by the engine). */
export interface RunSettings {
  readonly iterations: number;
  readonly seed: number;
}

/**
 * The result of a run: the view, the engine's refusal (of a setting, "iterations" or "seed", or of the draft:
 * `label` names that input in words), or null when cancelled.
 */
export type RunResult =
  | { readonly ok: true; readonly view: SimulationView; readonly simulation: Simulation }
  | { readonly ok: false; readonly field: string; readonly rule: string; readonly label?: string }
  | null;

/** The engine calls of the risk panels (the Wizard's `engine.risk`; absent, the preview has no panels). */
export interface RiskEngine<P> {
  /** What the figures depend on, as text: equal keys give equal panels (typing a narrative changes none). */
  key(p: P): string;
  sensitivity(p: P): SensitivityView | { readonly error: string };
  appraisal(p: P): AppraisalView;
  simulate(p: P, settings: RunSettings, control: RunControl): Promise<RunResult>;
}

function contextOf(p: Proposal): InputContext {
  const a = p.assumptions;
  return {
    streams:
      a.cohort === undefined
        ? a.streams.map((s) => ({
            kind: s.kind,
            label: s.label,
            ...(s.kind === "cohort" ? { targetKind: s.target.kind } : {}),
          }))
        : [],
    investment: a.investment.map((c) => ({ label: c.label })),
    ...(a.cohort === undefined
      ? {}
      : {
          targetKind: a.cohort.target.kind,
          components: (a.cohort.unitCost.components ?? []).map((c) => c.label),
        }),
  };
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;
/** A rate to 0.1% ("3.5%"). */
const rateText = (rate: number): string => `${Number((rate * 100).toFixed(1))}%`;

function sensitivityView({ proposal, raw }: RiskSubject): SensitivityView | { readonly error: string } {
  const model = proposalTornadoModel(proposal, raw);
  let t: ReturnType<typeof proposalSensitivity>;
  try {
    t = proposalSensitivity(model);
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return { error: e.message };
  }
  const context = contextOf(proposal);
  const { moving, unmoved } = rankedRows(t);
  return {
    fyLabel: fyLabel(model.fys[model.mtfsIndex]),
    baseText: formatMoney(t.opportunity),
    baseMillions: toMillions(t.opportunity, 4),
    rows: moving.map((r) => {
      const name = inputName(r.input, context);
      return {
        path: r.input,
        label: name.label,
        lowText: inputValueText(r.low, name),
        highText: inputValueText(r.high, name),
        defaultEnds: r.defaultEnds,
        atLowText: formatMoney(r.opportunityAtLow),
        atHighText: formatMoney(r.opportunityAtHigh),
        // An input that moves only the MTFS row has no swing here; it says so, as the CLI and the sheets do.
        swingText: movesOnlyMtfsRow(t, r) ? MTFS_ROW_ONLY : formatMoney(r.swing),
        atLowMillions: toMillions(r.opportunityAtLow, 4),
        atHighMillions: toMillions(r.opportunityAtHigh, 4),
        // A held end's bound named as the pane names inputs ("… Current fee"), not by its engine path; and why a
        // swing of 0 moves only the MTFS row (the engine's one note, as the CLI and the sheets say it).
        ...((n) => (n === "" ? {} : { note: n }))(
          sensitivityNote(
            t,
            r,
            r.held ? endsNote(r, (f) => inputName(f, context).label) : (r.note ?? ""),
            true,
          ),
        ),
      };
    }),
    unmoved: unmovedLine(unmoved, (r) => inputName(r.input, context).label),
    units: moneyUnitsText(moving.flatMap((r) => [r.opportunityAtLow, r.opportunityAtHigh, r.swing])),
  };
}

function simulationView(s: Simulation, context: InputContext): SimulationView {
  const p = s.proposals[0];
  return {
    iterations: s.iterations,
    seed: s.seed,
    years: p.years.map((y) => ({
      label: y.label,
      // A small figure in £k (formatMoney), as the CLI and the Risk sheet show it.
      plannedText: formatMoney(y.planned),
      p10Text: formatMoney(y.p10),
      p50Text: formatMoney(y.p50),
      p90Text: formatMoney(y.p90),
      probabilityText: percent(y.probability),
      plannedMillions: toMillions(y.planned, 4),
      p10Millions: toMillions(y.p10, 4),
      p50Millions: toMillions(y.p50, 4),
      p90Millions: toMillions(y.p90, 4),
    })),
    mtfsLabel: p.mtfsYear.label,
    mtfsProbabilityText: percent(p.mtfsYear.probability),
    drawn: p.sampled.map((path) => inputName(path, context).label),
    probabilityNote: PLAN_REACHED_TEXT,
    units: moneyUnitsText(p.years.flatMap((y) => [y.planned, y.p10, y.p50, y.p90])),
  };
}

/** Gives the browser a turn (paint, clicks) between chunks of a run. */
const aTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function runSimulation(
  { proposal }: RiskSubject,
  settings: RunSettings,
  control: RunControl,
): Promise<RunResult> {
  const steps = simulateSteps([proposalRiskModel(proposal)], {
    ...settings,
    onProgress: control.onProgress,
  });
  try {
    // The engine yields after each 1% of the iterations: the pane gets a turn there (paint, Cancel).
    let r = steps.next();
    while (!r.done) {
      await aTurn();
      if (control.cancelled()) {
        steps.return(undefined as never);
        return null;
      }
      r = steps.next();
    }
    return { ok: true, view: simulationView(r.value, contextOf(proposal)), simulation: r.value };
  } catch (e) {
    if (!isEngineError(e)) throw e;
    const setting = e.field === "iterations" || e.field === "seed";
    return {
      ok: false,
      field: e.field,
      rule: e.rule,
      ...(setting ? {} : { label: inputName(e.field, contextOf(proposal)).label }),
    };
  }
}

function appraisalView({ proposal, profile, lines }: RiskSubject): AppraisalView {
  const years = profile.years.map((y) => y.label);
  const level = proposal.opportunity.confidence?.level;
  const risk = level === undefined ? undefined : riskAdjustedProfile(profile, level);
  const stretch = proposalStretchRows(proposal.assumptions);
  const view = profileGreenBook(
    profile,
    GREEN_BOOK_STANDARD,
    flatDeflatorIndex(profile.years.length, DEFAULT_DEFLATOR_PER_YEAR),
  );
  const kinds = grossByCashability(lines);
  const shownKinds = (["cashable", "costAvoidance", "nonCashable"] as const).filter((k) =>
    kinds.some((y) => !y[k].isZero()),
  );
  // The scenario table's figures: the MTFS row, and the risk-adjusted and stretched rows when shown.
  const scenarios = [
    ...profile.years.map((y) => y.mtfsImpact),
    ...(risk?.years.map((y) => y.riskAdjusted) ?? []),
    ...(stretch?.stretched ?? []),
  ];
  return {
    years,
    mtfsTexts: profile.years.map((y) => formatMoney(y.mtfsImpact)),
    ...(risk === undefined
      ? {}
      : {
          riskAdjusted: {
            confidence: String(risk.confidence),
            optimismBiasText: percent(risk.optimismBias.toNumber()),
            adjustedTexts: risk.years.map((y) => formatMoney(y.riskAdjusted)),
          },
        }),
    // The stretched row is the engine's own (never confident + uplift added up here).
    ...(stretch === undefined
      ? {}
      : {
          stretch: {
            extraTexts: stretch.uplift.map((x) => formatMoney(x)),
            stretchedTexts: stretch.stretched.map((x) => formatMoney(x)),
          },
        }),
    greenBook: {
      npvText: formatMoney(view.npv),
      bcrText: benefitCostRatioText(view),
      paybackText: discountedPaybackText(view, years[years.length - 1] ?? "the horizon"),
      basisText: `Green Book discount rate ${rateText(GREEN_BOOK_STANDARD[0].rate.toNumber())} (STPR), ${
        years[0] ?? ""
      } prices, deflator ${rateText(DEFAULT_DEFLATOR_PER_YEAR.toNumber())} a year`,
    },
    scenarioUnits: moneyUnitsText(scenarios),
    cashability: shownKinds.map((k) => ({ kind: k, texts: kinds.map((y) => formatMoney(y[k])) })),
    cashabilityUnits: moneyUnitsText(shownKinds.flatMap((k) => kinds.map((y) => y[k]))),
    ...(hasCostAvoidance(kinds) ? { costAvoidanceNote: COST_AVOIDANCE_NOTE } : {}),
  };
}

/**
 * The risk panels' engine.
 *
 * @example
 * RISK_ENGINE.sensitivity(ENGINE.parse(cfsJson)).rows[0].label // "Weekly unit cost"
 * await RISK_ENGINE.simulate(m, { iterations: 1000, seed: 1 }, { onProgress, cancelled: () => false })
 */
export const RISK_ENGINE: RiskEngine<RiskSubject> = {
  // Decimals write themselves as their digits (toJSON), so the key is exact.
  key: ({ proposal: p, raw }) =>
    JSON.stringify([
      p.opportunity.name,
      p.opportunity.confidence?.level,
      p.assumptions,
      p.risk,
      // The timeline lengths stated in months (the tornado moves them so).
      proposalTornadoModel(p, raw).entries,
    ]),
  sensitivity: sensitivityView,
  appraisal: appraisalView,
  simulate: runSimulation,
};
