import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { installCustomFunctionsStub, StubCustomFunctionError } from "./runtimeStub";
import { lazyModule } from "../../src/functions/lazy";
import { grid, scalar } from "../../src/functions/invoke";
import { EngineError } from "../../src/engine";

/**
 * The families functions.js loads on first use (src/functions/lazy.ts): each stand-in in src/functions/lazy/
 * offers what functions.ts imports from its module, and answers as the module does; `scalar` and `grid` wait
 * for a Promise and turn its failure into the error cell. test/functions/bundle.test.ts runs the real chunks.
 */
installCustomFunctionsStub();
const dir = path.join(__dirname, "..", "..", "src", "functions");
const standIns = fs.readdirSync(path.join(dir, "lazy")).map((f) => f.replace(/\.ts$/, ""));

/** The names functions.ts imports from `./<module>` (values only, not types). */
function importedFrom(module: string): string[] {
  const source = fs.readFileSync(path.join(dir, "functions.ts"), "utf8");
  const file = ts.createSourceFile("functions.ts", source, ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const s of file.statements) {
    if (!ts.isImportDeclaration(s) || (s.moduleSpecifier as ts.StringLiteral).text !== `./${module}`)
      continue;
    const bindings = s.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      names.push(...bindings.elements.filter((e) => !e.isTypeOnly).map((e) => e.name.text));
    }
  }
  return names.sort();
}

describe.each(standIns)("src/functions/lazy/%s.ts", (name) => {
  const standIn = require(path.join(dir, "lazy", name)) as Record<string, unknown>;
  const real = require(path.join(dir, name)) as Record<string, unknown>;

  it("is a module functions.ts imports, and exports every name it imports from it", () => {
    const imported = importedFrom(name);
    expect(imported.length).toBeGreaterThan(0);
    for (const n of imported) expect([n, typeof standIn[n]]).toEqual([n, typeof real[n]]);
  });

  it("hands its constants over as they are and its functions' answers once the module has loaded", async () => {
    for (const n of importedFrom(name)) {
      if (typeof real[n] !== "function") expect(standIn[n]).toBe(real[n]);
    }
    const fn = importedFrom(name).find((n) => typeof real[n] === "function") as string;
    // Any arguments do: blank ones give the module's own answer or error, which the stand-in must repeat.
    const run = (f: unknown): unknown => {
      try {
        return (f as (...a: unknown[]) => unknown)(null, null, null, null);
      } catch (e) {
        return e instanceof EngineError ? `${e.field}: ${e.rule}` : String(e);
      }
    };
    const viaStandIn = await Promise.resolve(run(standIn[fn])).catch((e: unknown) =>
      e instanceof EngineError ? `${e.field}: ${e.rule}` : String(e),
    );
    expect(viaStandIn).toEqual(run(real[fn]));
  });
});

describe("lazyModule", () => {
  it("loads once, answers with a Promise until then and synchronously after", async () => {
    let loads = 0;
    const m = lazyModule("test", async () => {
      loads++;
      return { twice: (x: number) => 2 * x };
    });
    const twice = m.fn("twice");
    const first = twice(2) as unknown as Promise<number>;
    expect(typeof first.then).toBe("function");
    expect(await first).toBe(4);
    expect(twice(5)).toBe(10);
    expect(loads).toBe(1);
  });

  it("names the family when its load fails, and tries again on the next call", async () => {
    let fail = true;
    const m = lazyModule("MTFS.TEST", async () => {
      if (fail) throw new Error("Loading chunk 7 failed.");
      return { one: () => 1 };
    });
    await expect(m.fn("one")() as unknown as Promise<number>).rejects.toThrow(
      "the MTFS.TEST functions could not be loaded (Loading chunk 7 failed.)",
    );
    fail = false;
    expect(await (m.fn("one")() as unknown as Promise<number>)).toBe(1);
  });
});

describe("scalar and grid with a body that answers later", () => {
  it("wait for the answer and shape it as a synchronous one", async () => {
    expect(await scalar(() => Promise.resolve(-0) as unknown as number)).toBe(0);
    expect(await grid(() => Promise.resolve([["FY26/27"], [1.5]]) as never)).toEqual([["FY26/27"], [1.5]]);
  });

  it("turn a failed answer into the error value, as a thrown one", async () => {
    const bad = () => Promise.reject(new EngineError("out-of-range", "seed", "must be whole")) as never;
    const s = (await scalar(bad)) as unknown as StubCustomFunctionError;
    expect(s).toBeInstanceOf(StubCustomFunctionError);
    expect(s.message).toBe("seed: must be whole");
    const g = (await grid(bad, { seed: "theSeed" })) as unknown as StubCustomFunctionError[][];
    expect(g[0][0].message).toBe("theSeed: must be whole");
    const loadFailed = (await scalar(() => Promise.reject(new Error("no chunk")) as never)) as never;
    expect(loadFailed).toMatchObject({ code: "#VALUE!", message: "unexpected error: no chunk" });
  });
});
