/** demandCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

const demand = lazyModule(
  "MTFS.DEMAND",
  () => import(/* webpackChunkName: "functions-demand" */ "../demandCells"),
);

/** demandCells.ts's demandCells, once its chunk is loaded. */
export const demandCells = demand.fn("demandCells");
