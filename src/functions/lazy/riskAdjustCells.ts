/** riskAdjustCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

const riskAdjust = lazyModule(
  "MTFS.RISK.ADJUST",
  () => import(/* webpackChunkName: "functions-risk-adjust" */ "../riskAdjustCells"),
);

/** riskAdjustCells.ts's riskAdjustCells, once its chunk is loaded. */
export const riskAdjustCells = riskAdjust.fn("riskAdjustCells");
