/** profileCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

const profileFamily = lazyModule(
  "MTFS.BENEFIT.PROFILE, MTFS.RUNRATE and MTFS.QUANTIFIED",
  () => import(/* webpackChunkName: "functions-profile" */ "../profileCells"),
);

/** profileCells.ts's benefitProfileCells, once its chunk is loaded. */
export const benefitProfileCells = profileFamily.fn("benefitProfileCells");
/** profileCells.ts's runRateCells, once its chunk is loaded. */
export const runRateCells = profileFamily.fn("runRateCells");
/** profileCells.ts's quantifiedCells, once its chunk is loaded. */
export const quantifiedCells = profileFamily.fn("quantifiedCells");
