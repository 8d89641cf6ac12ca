import type { Decimal } from "./money";
import { CONFIDENCE_LEVELS } from "./choices";
import { EngineError } from "./errors";
import { fyLabel } from "./fiscalYear";
import { parseAssumptions } from "./parse/assumptions";
import {
  asObject,
  fieldPath,
  readDecimal,
  readEnum,
  readFy,
  readObject,
  readString,
  type RawObject,
} from "./parse/read";
import { parseTriangulationInput } from "./triangulationInput";
import type { TriangulationInput } from "./triangulate";
import type { FyStartYear, ProfileInput } from "./types";

/**
 * A benefits proposal in the words of the template: the opportunity, its profile assumptions,
 * an optional triangulation table, the narrative sections and, for bundled examples, the published figures.
 * Only `opportunity.name` and `assumptions` are required.
 */

export type ConfidenceLevel = "High" | "Medium" | "Low";

export interface Opportunity {
  readonly name: string;
  readonly directorate?: string;
  readonly theme?: string;
  /** Type of opportunity, e.g. "Design phase needed". */
  readonly type?: string;
  readonly description?: string;
  /** "Existing MTFS lines relating to opportunity", as text. */
  readonly existingMtfsLines?: string;
  readonly confidence?: { readonly level: ConfidenceLevel; readonly reason?: string };
}

/** The template's narrative sections, as typed text (never formulas). */
export interface Narrative {
  readonly evidence?: string;
  readonly proposedSolutions?: string;
  readonly investmentView?: string;
  readonly risks?: string;
  readonly residentsImpact?: string;
  readonly staffingImpact?: string;
  readonly serviceLevelsImpact?: string;
  readonly lgrImpact?: string;
  readonly officerRecommendation?: string;
  readonly adviserRecommendation?: string;
}

/** Keys of Narrative, in template order. */
export const NARRATIVE_KEYS = [
  "evidence",
  "proposedSolutions",
  "investmentView",
  "risks",
  "residentsImpact",
  "staffingImpact",
  "serviceLevelsImpact",
  "lgrImpact",
  "officerRecommendation",
  "adviserRecommendation",
] as const;

/** Published figures (£) for comparison, keyed by FY start year. */
export interface PublishedFigures {
  readonly source?: string;
  readonly cumulative: readonly {
    readonly fy: FyStartYear;
    readonly label: string;
    readonly amount: Decimal;
  }[];
  readonly inYear: readonly { readonly fy: FyStartYear; readonly label: string; readonly amount: Decimal }[];
  readonly fullRunRate?: { readonly value: Decimal; readonly fy: FyStartYear };
  readonly timeToFullRunRateYears?: Decimal;
  readonly notes?: string;
}

export interface Proposal {
  readonly opportunity: Opportunity;
  readonly assumptions: ProfileInput;
  readonly triangulation?: TriangulationInput;
  readonly narrative: Narrative;
  readonly published?: PublishedFigures;
}

function optionalText<K extends string>(o: RawObject, key: K, path: string): { readonly [P in K]?: string } {
  const v = readString(o, key, path, { optional: true });
  return (v === undefined ? {} : { [key]: v }) as { readonly [P in K]?: string };
}

function parseOpportunity(o: RawObject, path: string): Opportunity {
  const conf = readObject(o, "confidence", path, { optional: true });
  const confPath = fieldPath(path, "confidence");
  return {
    name: readString(o, "name", path),
    ...optionalText(o, "directorate", path),
    ...optionalText(o, "theme", path),
    ...optionalText(o, "type", path),
    ...optionalText(o, "description", path),
    ...optionalText(o, "existingMtfsLines", path),
    ...(conf
      ? {
          confidence: {
            level: readEnum(conf, "level", confPath, CONFIDENCE_LEVELS),
            ...optionalText(conf, "reason", confPath),
          },
        }
      : {}),
  };
}

function parseNarrative(o: RawObject | undefined, path: string): Narrative {
  if (!o) return {};
  return NARRATIVE_KEYS.reduce<Narrative>((acc, key) => ({ ...acc, ...optionalText(o, key, path) }), {});
}

function parseFyAmounts(
  o: RawObject | undefined,
  path: string,
): { readonly fy: FyStartYear; readonly label: string; readonly amount: Decimal }[] {
  if (!o) return [];
  return Object.keys(o)
    .map((key) => {
      const fy = readFy({ [key]: key }, key, path);
      return { fy, label: fyLabel(fy), amount: readDecimal(o, key, path, { min: -1e12, max: 1e12 }) };
    })
    .sort((a, b) => a.fy - b.fy);
}

function parsePublished(o: RawObject | undefined, path: string): PublishedFigures | undefined {
  if (!o) return undefined;
  const rr = readObject(o, "fullRunRate", path, { optional: true });
  const rrPath = fieldPath(path, "fullRunRate");
  const ttr = readDecimal(o, "timeToFullRunRateYears", path, { optional: true, min: 0, max: 100 });
  return {
    ...optionalText(o, "source", path),
    cumulative: parseFyAmounts(
      readObject(o, "cumulative", path, { optional: true }),
      fieldPath(path, "cumulative"),
    ),
    inYear: parseFyAmounts(readObject(o, "inYear", path, { optional: true }), fieldPath(path, "inYear")),
    ...(rr
      ? {
          fullRunRate: {
            value: readDecimal(rr, "value", rrPath, { min: -1e12, max: 1e12 }),
            fy: readFy(rr, "fy", rrPath),
          },
        }
      : {}),
    ...(ttr === undefined ? {} : { timeToFullRunRateYears: ttr }),
    ...optionalText(o, "notes", path),
  };
}

/**
 * Parses a proposal JSON (schema/proposal.schema.json). Unknown keys (such as "$schema") are ignored.
 *
 * @example
 * const p = parseProposal(JSON.parse(fs.readFileSync("examples/cfs-targeted-prevention.json", "utf8")));
 * p.opportunity.name // "CFS Targeted Prevention"
 * parseProposal({ opportunity: {} }) // throws EngineError "opportunity.name: is required"
 */
export function parseProposal(raw: unknown): Proposal {
  const o = asObject(raw, "proposal");
  const tri = o.triangulation;
  const published = parsePublished(readObject(o, "published", "", { optional: true }), "published");
  const proposal: Proposal = {
    opportunity: parseOpportunity(readObject(o, "opportunity", ""), "opportunity"),
    assumptions: parseAssumptions(o.assumptions, "assumptions"),
    ...(tri === undefined || tri === null
      ? {}
      : { triangulation: parseTriangulationInput(tri, "triangulation") }),
    narrative: parseNarrative(readObject(o, "narrative", "", { optional: true }), "narrative"),
    ...(published ? { published } : {}),
  };
  if (proposal.opportunity.name.length > 200) {
    throw new EngineError("out-of-range", "opportunity.name", "must be at most 200 characters");
  }
  return proposal;
}
