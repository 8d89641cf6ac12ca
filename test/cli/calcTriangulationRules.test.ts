import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { run } from "./workbookCli";

/** `calc triangulation` with the per-table rules: rounding, no caseload column, rows stating their starts. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mtfs-tri-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const cells = (line: string | undefined): string[] => (line ?? "").trim().split(/\s{2,}/);

describe("mtfs-benefits calc triangulation: table rules", () => {
  it("floors by the table's rule and leaves out a caseload column the table does not have", async () => {
    const r = await run([
      "calc",
      "triangulation",
      "--input",
      file("floor.json", {
        baselineStarts: 260,
        rounding: "floor",
        rows: [
          { method: "Best statistical neighbour", percentChange: "26%" },
          { method: "Stated", avoidedStarts: 65 },
        ],
      }),
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(cells(lines[0])).toEqual([
      "Triangulation Methodology",
      "% change achievable",
      "Annual avoided starts",
    ]);
    expect(cells(lines.find((l) => l.startsWith("Best")))).toEqual([
      "Best statistical neighbour",
      "26%",
      "67",
    ]);
    // A % implied by the stated starts is shown in brackets.
    expect(cells(lines.find((l) => l.startsWith("Stated")))).toEqual(["Stated", "(25%)", "65"]);
  });

  it("JSON carries the rule, the stated starts and no caseload keys", async () => {
    const r = await run([
      "calc",
      "triangulation",
      "--format",
      "json",
      "--input",
      file("stated.json", { rows: [{ method: "Reunifications, 4-year average", avoidedStarts: 6.5 }] }),
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      kind: "annualStarts",
      rounding: "round",
      rows: [
        {
          method: "Reunifications, 4-year average",
          annualAvoidedStarts: 6.5,
          startsStated: true,
          exact: { annualAvoidedStarts: { low: 6.5, high: 6.5 } },
        },
      ],
    });
  });

  it("heads the starts column in the proposal's words (Reunification's \"Number of CYP\")", async () => {
    const r = await run([
      "calc",
      "triangulation",
      "--input",
      file("reunification.json", {
        startsLabel: "Number of CYP",
        rows: [
          { method: "Revocations in LCC last year", avoidedStarts: 6 },
          { method: "Bristol", avoidedStarts: 11.1, explanation: "Hard to compare directly" },
        ],
      }),
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(cells(lines[0])).toEqual(["Triangulation Methodology", "% change achievable", "Number of CYP"]);
    expect(cells(lines[2])).toEqual(["Bristol", "11.1"]);
  });

  it("refuses % rows without the baseline they need, in one line", async () => {
    const r = await run([
      "calc",
      "triangulation",
      "--input",
      file("nobase.json", { rows: [{ method: "x", percentChange: "8%" }] }),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringContaining("baselineStarts: is required when a row gives a % without its starts"),
    ]);
  });
});
