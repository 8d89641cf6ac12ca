import type { ExampleProposal } from "./components/Wizard";
import cfs from "../../examples/cfs-targeted-prevention.json";
import fbp from "../../examples/family-based-placements.json";
import itt from "../../examples/independent-travel-training.json";

/**
 * The bundled examples the wizard can start from (bundled at build time: no network).
 *
 * @example
 * EXAMPLES[0].name // "CFS Targeted Prevention"
 */
export const EXAMPLES: readonly ExampleProposal[] = [cfs, fbp, itt].map((raw) => ({
  name: (raw as { opportunity: { name: string } }).opportunity.name,
  raw,
}));
