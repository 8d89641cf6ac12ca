/** careAvoidedCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

const careAvoided = lazyModule(
  "MTFS.CARE.AVOIDED",
  () => import(/* webpackChunkName: "functions-care-avoided" */ "../careAvoidedCells"),
);

/** careAvoidedCells.ts's careAvoidedCells, once its chunk is loaded. */
export const careAvoidedCells = careAvoided.fn("careAvoidedCells");
