/** paybackCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

const payback = lazyModule(
  "MTFS.PAYBACK",
  () => import(/* webpackChunkName: "functions-payback" */ "../paybackCells"),
);

/** paybackCells.ts's paybackCells, once its chunk is loaded. */
export const paybackCells = payback.fn("paybackCells");
