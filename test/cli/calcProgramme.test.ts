import { readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { example, run, tempDir } from "./workbookCli";

/** `calc programme`: Appendix A from the modelled rows, the published figures beside them, the overlap register. */

interface Row {
  opportunity: string;
  source: string;
  example?: string;
  amounts: (number | null)[];
  published: (number | null)[];
}
interface Json {
  fyLabels: string[];
  directorates: { rows: Row[]; subtotal: number[]; publishedSubtotal?: number[] }[];
  total: number[];
  overlaps: unknown[];
}

const programme = JSON.parse(readFileSync(example("programme.json"), "utf8")) as {
  directorates: { rows: { example?: string }[] }[];
};

let json: Json;
beforeAll(async () => {
  const r = await run(["calc", "programme", "--input", example("programme.json"), "--format", "json"]);
  expect(r.code).toBe(0);
  json = JSON.parse(r.stdout) as Json;
});

describe("mtfs-benefits calc programme", () => {
  it("models every row that names an example, with the MTFS row calc profile prints", async () => {
    const modelled = json.directorates.flatMap((d) => d.rows.filter((r) => r.source === "modelled"));
    const named = programme.directorates.flatMap((d) => d.rows.filter((r) => r.example !== undefined));
    expect(modelled.map((r) => r.example)).toEqual(named.map((r) => r.example));
    for (const row of modelled) {
      const p = await run(["calc", "profile", "--input", example(row.example!), "--format", "json"]);
      const years = (JSON.parse(p.stdout) as { years: { fy: string; mtfsImpact: number }[] }).years;
      expect(row.amounts).toEqual(
        json.fyLabels.map((fy) => years.find((y) => y.fy === fy)?.mtfsImpact ?? null),
      );
    }
  });

  it("types the other rows as published, and subtotals and the total are the sums of the rows", () => {
    const cents = (x: number): number => Math.round(x * 100);
    for (const d of json.directorates) {
      for (const r of d.rows.filter((x) => x.source === "typed")) expect(r.amounts).toEqual(r.published);
      const sums = json.fyLabels.map((_, i) => d.rows.reduce((s, r) => s + cents(r.amounts[i] ?? 0), 0));
      // Each figure is rounded to pennies on its own: a sum may differ by a penny a row.
      d.subtotal.forEach((x, i) => expect(Math.abs(cents(x) - sums[i])).toBeLessThanOrEqual(d.rows.length));
    }
    const total = json.fyLabels.map((_, i) =>
      json.directorates.reduce((s, d) => s + cents(d.subtotal[i]), 0),
    );
    json.total.forEach((x, i) =>
      expect(Math.abs(cents(x) - total[i])).toBeLessThanOrEqual(json.directorates.length),
    );
  });

  it("prints the table with the published figures beside the modelled ones, and the register", async () => {
    const r = await run(["calc", "programme", "--input", example("programme.json")]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const fbp = lines.findIndex((l) => l.trim().startsWith("Family Based Placements"));
    expect(lines[fbp]).toMatch(/modelled/);
    expect(lines[fbp + 1].trim()).toMatch(/^published\s+-£0\.31m\s+-£0\.31m\s+£0\.83m/);
    expect(r.stdout).toMatch(/^Overlap register: /m);
  });

  it("refuses a row whose example is missing, naming the file", async () => {
    const dir = tempDir();
    try {
      const file = join(dir, "p.json");
      writeFileSync(
        file,
        JSON.stringify({
          fyLabels: ["FY26/27"],
          directorates: [{ directorate: "X", rows: [{ opportunity: "Y", example: "nope.json" }] }],
        }),
      );
      const r = await run(["calc", "programme", "--input", file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/nope\.json: file not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
