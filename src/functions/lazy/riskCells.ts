/** riskCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

const risk = lazyModule(
  "MTFS.SENSITIVITY and MTFS.SIMULATE",
  () => import(/* webpackChunkName: "functions-risk" */ "../riskCells"),
);

/** riskCells.ts's sensitivityCells, once its chunk is loaded. */
export const sensitivityCells = risk.fn("sensitivityCells");
/** riskCells.ts's simulateCells, once its chunk is loaded. */
export const simulateCells = risk.fn("simulateCells");
