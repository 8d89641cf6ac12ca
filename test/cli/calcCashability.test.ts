import { example, run } from "./workbookCli";

/** `calc profile` splits the gross by kind (issue 14, item 6): cost avoidance is always named as such. */
describe("calc profile: gross saving by kind", () => {
  it("splits every FY's gross into cashable, cost avoidance and non-cashable, adding up to the gross", async () => {
    const r = await run([
      "calc",
      "profile",
      "--input",
      example("cfs-targeted-prevention.json"),
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      years: { fy: string; gross: number }[];
      grossByKind: { fy: string; cashable: number; costAvoidance: number; nonCashable: number }[];
    };
    expect(out.grossByKind.map((k) => k.fy)).toEqual(out.years.map((y) => y.fy));
    out.grossByKind.forEach((k, i) =>
      expect(k.cashable + k.costAvoidance + k.nonCashable).toBeCloseTo(out.years[i].gross, 2),
    );
    // Avoided care starts are cost avoidance (a cohort stream's default), not cashable.
    expect(out.grossByKind.every((k) => k.cashable === 0)).toBe(true);
  });

  it("labels cost avoidance in the table", async () => {
    const r = await run(["calc", "profile", "--input", example("cfs-targeted-prevention.json")]);
    expect(r.stdout).toMatch(/Cashable\s+Cost avoidance\s+Non-cashable/);
    expect(r.stdout).toMatch(/not a reduction of today's budget/);
  });
});

describe("calc profile: a single cohort marked cashable", () => {
  it("puts the gross under Cashable and does not call it cost avoidance", async () => {
    const fs = await import("fs");
    const os = await import("os");
    const path = await import("path");
    const raw = JSON.parse(fs.readFileSync(example("cfs-targeted-prevention.json"), "utf8"));
    raw.assumptions.cashability = "cashable";
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-cash-")), "cashable.json");
    fs.writeFileSync(file, JSON.stringify(raw));
    const r = await run(["calc", "profile", "--input", file, "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      years: { gross: number }[];
      grossByKind: { cashable: number; costAvoidance: number }[];
    };
    out.grossByKind.forEach((k, i) => {
      expect(k.cashable).toBeCloseTo(out.years[i].gross, 2);
      expect(k.costAvoidance).toBe(0);
    });
    const table = await run(["calc", "profile", "--input", file]);
    expect(table.stdout).not.toMatch(/not a reduction of today's budget/);
  });
});
