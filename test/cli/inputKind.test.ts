import * as fs from "fs";
import { join } from "path";
import { inputKind } from "../../src/cli/inputKind";
import { example, run, tempDir } from "./workbookCli";

/** A command given another kind of file names the kind and the command that reads it (one line, exit 2). */

const read = (name: string): unknown => JSON.parse(fs.readFileSync(example(name), "utf8"));

describe("inputKind", () => {
  it("tells every bundled example's kind by its shape, agreeing with its $schema", () => {
    const names = fs.readdirSync(join(__dirname, "../../examples")).filter((f) => f.endsWith(".json"));
    expect(inputKind(read("programme.json"))).toBe("programme");
    for (const name of names.filter((n) => n !== "programme.json")) {
      const raw = read(name) as { $schema?: string };
      const { $schema, ...shape } = raw;
      const fromSchema = /([a-z-]+)\.schema\.json$/.exec($schema ?? "")?.[1];
      expect([name, inputKind(shape)]).toEqual([name, fromSchema]);
    }
  });

  it("is undefined for a shape it cannot tell", () => {
    expect(inputKind({ x: 1 })).toBeUndefined();
    expect(inputKind([1])).toBeUndefined();
    expect(inputKind(null)).toBeUndefined();
  });
});

describe("calc on the wrong kind of file", () => {
  it.each([
    ["profile", "cfs-targeted-prevention-triangulation.json", "a triangulation table", "calc triangulation"],
    ["profile", "edge-of-care-mst.json", "an edge-of-care summary", "calc edge-of-care"],
    ["profile", "national-children-in-care.json", "a demand model", "calc demand"],
    ["triangulation", "edge-of-care-mst-fft-rollup.json", "an edge-of-care summary", "calc edge-of-care"],
    ["demand", "reablement.json", "a proposal", "calc profile"],
    ["edge-of-care", "national-children-in-care.json", "a demand model", "calc demand"],
  ])("calc %s on %s names it %s and says to use %s", async (what, name, kind, command) => {
    const r = await run(["calc", what, "--input", example(name)]);
    expect(r.code).toBe(2);
    const line = r.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain(`${name}: is ${kind}, not `);
    expect(line).toContain(`use \`${command}\``);
    expect(line).not.toMatch(/unknown field/);
  });

  it("calc triangulation on a proposal with no triangulation says so", async () => {
    const r = await run(["calc", "triangulation", "--input", example("reablement.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`mtfs-benefits: ${example("reablement.json")}: has no triangulation table`);
  });

  it("new --input a triangulation table names it", async () => {
    const into = join(tempDir(), "wb.xlsx");
    const r = await run([
      "new",
      "--input",
      example("family-based-placements-triangulation.json"),
      "--into",
      into,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a triangulation table, not a proposal; use `calc triangulation`/);
    expect(fs.existsSync(into)).toBe(false);
  });
});
