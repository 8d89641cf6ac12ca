/**
 * Loads the functions bundle entry with the CustomFunctions stub installed, so every MTFS.* function is
 * registered through its real `associate` call. Import this first in a test.
 */
import { installCustomFunctionsStub } from "./runtimeStub";

installCustomFunctionsStub();
require("../../src/functions/index");

export { callMtfs, errorOf, registered, StubCustomFunctionError } from "./runtimeStub";
