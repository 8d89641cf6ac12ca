/**
 * A stand-in for Excel's CustomFunctions runtime global: the Error class, the ErrorCode enum and an
 * `associate` that records registrations. Installing it and calling registerFunctions lets a test call the
 * registered functions exactly as Excel does (by id, positional arguments, null for omitted ones).
 */
export class StubCustomFunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export const registered = new Map<string, (...args: unknown[]) => unknown>();
/** Every `associate` call's id, in order, repeats included (registration must happen once per id). */
export const associations: string[] = [];

/** Installs the stub as the `CustomFunctions` global (idempotent). */
export function installCustomFunctionsStub(): void {
  (globalThis as any).CustomFunctions = {
    Error: StubCustomFunctionError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
    associate: (id: string, fn: (...args: unknown[]) => unknown) => {
      associations.push(id);
      registered.set(id, fn);
    },
  };
}

/** Calls a registered function by its id, as Excel would for =MTFS.<id>(...args). */
export function callMtfs(id: string, ...args: unknown[]): unknown {
  const fn = registered.get(id);
  if (!fn) throw new Error(`MTFS.${id} is not registered`);
  return fn(...args);
}

/** True when a value is an Excel error returned by a function (scalar, or the 1×1 matrix of a spilling one). */
export function errorOf(result: unknown): StubCustomFunctionError | undefined {
  if (result instanceof StubCustomFunctionError) return result;
  if (Array.isArray(result) && result.length === 1 && Array.isArray(result[0]) && result[0].length === 1) {
    return result[0][0] instanceof StubCustomFunctionError ? result[0][0] : undefined;
  }
  return undefined;
}
