/**
 * Registers every MTFS.* function with the CustomFunctions stub through the entry's registerFunctions (in the
 * webpack bundle the metadata loader's associate calls do this instead; test/functions/bundle.test.ts checks
 * those). Import this first in a test.
 */
import { installCustomFunctionsStub } from "./runtimeStub";

installCustomFunctionsStub();
const entry = require("../../src/functions/index") as typeof import("../../src/functions/index");
entry.registerFunctions(CustomFunctions);

export { associations, callMtfs, errorOf, registered, StubCustomFunctionError } from "./runtimeStub";
