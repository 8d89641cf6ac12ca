/** trackingCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

const tracking = lazyModule(
  "tracking (MTFS.PROFILE.MONTHLY, VARIANCE, RAG, FORECAST)",
  () => import(/* webpackChunkName: "functions-tracking" */ "../trackingCells"),
);

/** trackingCells.ts's profileMonthlyCells, once its chunk is loaded. */
export const profileMonthlyCells = tracking.fn("profileMonthlyCells");
/** trackingCells.ts's varianceCells, once its chunk is loaded. */
export const varianceCells = tracking.fn("varianceCells");
/** trackingCells.ts's ragCells, once its chunk is loaded. */
export const ragCells = tracking.fn("ragCells");
/** trackingCells.ts's forecastCells, once its chunk is loaded. */
export const forecastCells = tracking.fn("forecastCells");
