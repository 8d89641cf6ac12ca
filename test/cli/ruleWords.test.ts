import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { root, run } from "./workbookCli";

/**
 * A rule about another field names it in words with its key (for whoever wrote the JSON), as the sheet's
 * caption table has it: exit 2 and one line, the erring field's JSON path first.
 */

const example = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(join(root, "examples", name), "utf8"));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mtfs-words-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(name: string, p: unknown): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(p));
  const r = await run(["calc", "profile", "--input", file]);
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0];
}

describe("calc profile: rules naming another field", () => {
  it("a new fee below the current one names the current fee in words", async () => {
    const p = example("income-maximisation.json");
    const item = p.assumptions.streams[0].items.findIndex((i: any) => i.currentFeePerUnit !== undefined);
    expect(item).toBeGreaterThanOrEqual(0);
    p.assumptions.streams[0].items[item].feePerUnit =
      p.assumptions.streams[0].items[item].currentFeePerUnit - 1;
    expect(await refusal("fee.json", p)).toContain(
      `assumptions.streams[0].items[${item}].feePerUnit: must not be below "current fee" (currentFeePerUnit)`,
    );
  });

  it("weekly cost beside its parts names both in words", async () => {
    const p = example("cfs-targeted-prevention.json");
    p.assumptions.unitCost.components = [{ label: "care", share: 1, costPerPeriod: 1000 }];
    expect(await refusal("both.json", p)).toMatch(
      /give "Weekly unit cost" \(unitCost\.weeklyCost\) or "Unit cost part" \(unitCost\.components\[\]\), not both$/,
    );
  });
});
