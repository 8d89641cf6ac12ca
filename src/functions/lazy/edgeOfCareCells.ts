/** edgeOfCareCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

const edgeOfCare = lazyModule(
  "MTFS.EDGE.OF.CARE",
  () => import(/* webpackChunkName: "functions-edge-of-care" */ "../edgeOfCareCells"),
);

/** edgeOfCareCells.ts's edgeOfCareCells, once its chunk is loaded. */
export const edgeOfCareCells = edgeOfCare.fn("edgeOfCareCells");
