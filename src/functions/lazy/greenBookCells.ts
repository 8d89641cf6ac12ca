/** greenBookCells.ts in the functions bundle, loaded on first use (../lazy.ts). */
import { lazyModule } from "../lazy";

const greenBook = lazyModule(
  "Green Book (MTFS.NPV, BCR, DISCOUNTED.PAYBACK)",
  () => import(/* webpackChunkName: "functions-green-book" */ "../greenBookCells"),
);

/** greenBookCells.ts's npvCells, once its chunk is loaded. */
export const npvCells = greenBook.fn("npvCells");
/** greenBookCells.ts's bcrCells, once its chunk is loaded. */
export const bcrCells = greenBook.fn("bcrCells");
/** greenBookCells.ts's discountedPaybackCells, once its chunk is loaded. */
export const discountedPaybackCells = greenBook.fn("discountedPaybackCells");
