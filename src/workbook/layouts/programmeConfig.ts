/**
 * The programme workbook's own data (examples/programme.json): Appendix A's rows, Table 3's resource areas
 * and Table 2's themes. Amounts are £m as published; the sheets hold £ (× 1,000,000) shown as £m.
 */

export interface ProgrammeRowConfig {
  readonly opportunity: string;
  readonly type: string;
  /** As published ("1 year", "2.75 years"); modelled rows link to their sheet's computed value instead. */
  readonly timeToFullRunRate?: string;
  readonly theme?: string;
  /** Published impact per FY column in £m (null where the table prints "-"); typed rows only. */
  readonly publishedMillions?: readonly (number | null)[];
  /** The proposal sheet this row links to (modelled rows). */
  readonly proposalSheet?: string;
  /** The bundled example file that models this row (used by the demo command only). */
  readonly example?: string;
  /** Confidence level of the row's value ("High" / "Medium" / "Low" or a grade 1–6); modelled rows take their sheet's. */
  readonly confidence?: string;
}

export interface DirectorateConfig {
  readonly directorate: string;
  /** Label of the subtotal row, e.g. "Adults & Communities ER Savings". */
  readonly subtotalLabel: string;
  readonly rows: readonly ProgrammeRowConfig[];
}

export interface ResourceAreaConfig {
  readonly area: string;
  /** One amount per MTFS year in £m (null where the table prints blank or "-"). */
  readonly amountsMillions: readonly (number | null)[];
  readonly comment?: string;
  /** External implementation capacity (paragraph 40): what a Medium / Low cost estimate scales. */
  readonly external?: boolean;
}

/** A cost estimate besides the typed one: its stated total, or the share of external costs it keeps. */
export interface CostEstimateConfig {
  readonly name: string;
  readonly totalImplementationMillions?: number;
  readonly externalShare?: number;
  readonly note?: string;
}

/** The programme's stretch (paragraph 22): extra benefit in the last MTFS year, beyond the proposals' own. */
export interface StretchConfig {
  readonly lastMtfsYearMillions: number;
  readonly note?: string;
}

export interface ThemeConfig {
  readonly theme: string;
  readonly description: string;
  /** Existing MTFS benefits for the theme by the last MTFS year, £m (Table 2 total column less the ER column). */
  readonly existingMtfsMillions: number;
}

export interface ProgrammeConfig {
  readonly title: string;
  /** Column FYs: the MTFS years then the "future MTFS impact" year(s), e.g. FY26/27..FY30/31. */
  readonly fyLabels: readonly string[];
  /** How many of `fyLabels` are within the MTFS (4). */
  readonly mtfsYears: number;
  readonly directorates: readonly DirectorateConfig[];
  readonly resourceCost: {
    readonly areas: readonly ResourceAreaConfig[];
    /** Which estimate the typed areas are (Table 3: "High"; default "High"). */
    readonly typedEstimate?: string;
    readonly costEstimates?: readonly CostEstimateConfig[];
  };
  readonly stretch?: StretchConfig;
  /**
   * The workbook has a Parameters sheet (set when MTFS Benefits writes the workbook): the Programme shows each
   * row's confidence, its optimism bias and risk-adjusted rows. Absent in workbooks written before it.
   */
  readonly parametersSheet?: boolean;
  /**
   * The Programme shows the Green Book block (NPV, BCR, discounted payback and the cashability split of the
   * modelled proposals; set when MTFS Benefits writes the workbook). Absent in workbooks written before it.
   */
  readonly greenBook?: boolean;
  /**
   * The Green Book block adds the Resource cost sheet's implementation costs: their present values, and NPV and
   * BCR after them (set when MTFS Benefits writes the workbook). Absent in workbooks written before it.
   */
  readonly greenBookImplementation?: boolean;
  /**
   * The workbook has a Scenarios sheet (written when the programme or a proposal states a stretch, or the
   * programme states cost estimates).
   */
  readonly scenariosSheet?: boolean;
  /**
   * A proposal states a stretch target (set by MTFS Benefits when one does): the Scenarios sheet offers the
   * Stretch scenarios even without the programme's own `stretch`. Once set it stays, so the sheet keeps its columns.
   */
  readonly proposalStretch?: boolean;
  readonly themes: readonly ThemeConfig[];
}

/** £ per £m: the sheets store £ so proposal sheets (in £) and typed rows add up directly. */
export const POUNDS_PER_MILLION = 1_000_000;

/** The programme of a new workbook: Appendix A's columns (FY26/27..FY29/30, FY30/31 future), no rows yet. */
export const EMPTY_PROGRAMME: ProgrammeConfig = {
  title: "MTFS programme",
  fyLabels: ["FY26/27", "FY27/28", "FY28/29", "FY29/30", "FY30/31"],
  mtfsYears: 4,
  directorates: [],
  resourceCost: { areas: [] },
  themes: [],
};
