import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "./workbookCli";

// Issue 13, strict input: the CLI refuses unknown keys (exit 2, one line naming the key and the nearest known
// one) and prints warnings for values that pass but look wrong, on stderr so JSON output stays JSON.
const root = join(__dirname, "../..");
const cfs = (): Record<string, any> =>
  JSON.parse(readFileSync(join(root, "examples", "cfs-targeted-prevention.json"), "utf8"));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mtfs-strict-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe("mtfs-benefits calc profile: strict input", () => {
  it("an unknown key is exit 2 and one line naming it and the nearest known key", async () => {
    const p = cfs();
    p.assumptions.durationWeek = p.assumptions.durationWeeks;
    delete p.assumptions.durationWeeks;
    const r = await run(["calc", "profile", "--input", file("typo.json", p)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("assumptions.durationWeek: unknown field; did you mean durationWeeks?");
  });

  it('"value": 8 for a percent target is refused, saying how to write 8%', async () => {
    const p = cfs();
    p.assumptions.target.value = 8;
    const r = await run(["calc", "profile", "--input", file("eight.json", p)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('for 8% write 0.08 or "8%"');
  });

  it("a suspicious value prints a warning line and the result", async () => {
    const p = cfs();
    p.assumptions.unitCost.weeklyCost = 0.5;
    const r = await run(["calc", "profile", "--input", file("cost.json", p), "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "warning: assumptions.unitCost.weeklyCost: £0.5 a week is under £1; money is in £ (not £k or £m)\n",
    );
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});

describe("mtfs-benefits new: strict input", () => {
  it("refuses a proposal with an unknown key (it is not dropped), writing no file", async () => {
    const p = cfs();
    p.assumptions.unitCost.weeklyCosts = 1500;
    const into = join(dir, "new.xlsx");
    const r = await run(["new", "--input", file("new-typo.json", p), "--into", into]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("assumptions.unitCost.weeklyCosts: unknown field; did you mean weeklyCost?");
    expect(existsSync(into)).toBe(false);
  });
});
