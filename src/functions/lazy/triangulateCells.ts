/** triangulateCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

export { TRIANGULATE_ARGUMENTS } from "../triangulateArguments";

const triangulate = lazyModule(
  "MTFS.TRIANGULATE",
  () => import(/* webpackChunkName: "functions-triangulate" */ "../triangulateCells"),
);

/** triangulateCells.ts's triangulateCells, once its chunk is loaded. */
export const triangulateCells = triangulate.fn("triangulateCells");
