import { rmSync, writeFileSync } from "fs";
import { join } from "path";
import { run, tempDir } from "./workbookCli";

/**
 * The overlap register as a finance user meets it: `calc programme` on a programme file, and the `overlap:`
 * lines of `refresh`, when two proposals name the same cohort (cohortKey) or the same existing MTFS line (ref).
 */

const horizon = { firstFy: "FY26/27", lastFy: "FY30/31", mtfsLastFy: "FY29/30" };
const residential = (id: string, startDate: string) => ({
  kind: "cohort",
  id,
  label: `${id} cohort`,
  cohortKey: "CLA residential",
  baseline: { volumePerYear: 100 },
  target: { kind: "percent", value: 0.1 },
  durationWeeks: 52.18,
  unitCost: { weeklyCost: 4000 },
  timeline: { startDate, rolloutMonths: 6 },
});
const ac21 = {
  ref: "AC21",
  label: "Increasing Reablement Capacity",
  amountPerYear: 100000,
  firstFy: "FY26/27",
  lastFy: "FY29/30",
  treatment: "deducted",
};
const proposalA = {
  opportunity: {
    name: "Family Based Placements B",
    directorate: "Children and Family Services",
    confidence: { level: "Low" },
  },
  assumptions: { horizon, streams: [residential("foster", "2026-07-01")], existingMtfsLines: [ac21] },
};
const proposalB = {
  opportunity: {
    name: "Commissioning B",
    directorate: "Children and Family Services",
    confidence: { level: "Low" },
  },
  assumptions: { horizon, streams: [residential("stepdown", "2027-04-01")], existingMtfsLines: [ac21] },
};
const proposalC = {
  opportunity: {
    name: "Someone else",
    directorate: "Children and Family Services",
    confidence: { level: "Low" },
  },
  assumptions: {
    horizon,
    streams: [{ ...residential("other", "2026-07-01"), cohortKey: "older people" }],
  },
};

let dir: string;
beforeAll(() => {
  dir = tempDir();
  for (const [f, p] of [
    ["a.json", proposalA],
    ["b.json", proposalB],
    ["c.json", proposalC],
  ] as const)
    writeFileSync(join(dir, f), JSON.stringify(p));
  writeFileSync(
    join(dir, "programme.json"),
    JSON.stringify({
      title: "Test programme",
      fyLabels: ["FY26/27", "FY27/28", "FY28/29", "FY29/30", "FY30/31"],
      mtfsYears: 4,
      directorates: [
        {
          directorate: "Children and Family Services",
          subtotalLabel: "CFS",
          rows: [
            { opportunity: "A", example: "a.json" },
            { opportunity: "B", example: "b.json" },
            { opportunity: "C", example: "c.json" },
          ],
        },
      ],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Flag {
  basis: string;
  key: string;
  first: { proposal: string };
  second: { proposal: string };
  years: { fy: string; first: number; second: number; overlap: number }[];
}

describe("overlap register", () => {
  it("calc programme flags the shared cohort and the shared MTFS line, with both amounts per FY", async () => {
    const r = await run(["calc", "programme", "--input", join(dir, "programme.json"), "--format", "json"]);
    expect(r.code).toBe(0);
    const flags = (JSON.parse(r.stdout) as { overlaps: Flag[] }).overlaps;
    expect(flags.map((f) => [f.basis, f.key, f.first.proposal, f.second.proposal])).toEqual([
      ["cohort", "CLA residential", "A", "B"],
      ["existingMtfsLine", "AC21", "A", "B"],
    ]);
    const cohort = flags[0];
    // B starts a year later: nothing of B in FY26/27, so nothing counted twice there.
    expect(cohort.years[0]).toMatchObject({ fy: "FY26/27", second: 0, overlap: 0 });
    for (const y of cohort.years) expect(y.overlap).toBe(Math.min(y.first, y.second));
    expect(cohort.years.some((y) => y.overlap > 0)).toBe(true);
    expect(flags[1].years.slice(0, 4).map((y) => y.overlap)).toEqual([100000, 100000, 100000, 100000]);
  });

  it("calc programme prints the register under the table", async () => {
    const r = await run(["calc", "programme", "--input", join(dir, "programme.json")]);
    expect(r.stdout).toMatch(/^Overlap register: 2 claimed twice$/m);
    expect(r.stdout).toMatch(
      /^Same cohort "CLA residential": A \(foster cohort\) and B \(stepdown cohort\)$/m,
    );
    expect(r.stdout).toMatch(
      /^Same existing MTFS line AC21: A \(Increasing Reablement Capacity, deducted\) and B/m,
    );
  });

  it("refresh lists one overlap line per flag, by proposal sheet, and keeps its exit code", async () => {
    const book = join(dir, "w.xlsx");
    for (const f of ["a.json", "b.json", "c.json"])
      expect((await run(["new", "--input", join(dir, f), "--into", book])).code).toBe(0);
    const r = await run(["refresh", book]);
    expect(r.code).toBe(0);
    const overlaps = r.stdout.split("\n").filter((l) => l.startsWith("overlap: "));
    expect(overlaps).toEqual([
      expect.stringMatching(
        /^overlap: same cohort "CLA residential": Family Based Placements B \(foster cohort\) and Commissioning B \(stepdown cohort\): up to £2\.09m a year counted twice \(FY27\/28 to FY30\/31\)$/,
      ),
      expect.stringMatching(
        /^overlap: same existing MTFS line AC21: Family Based Placements B .* \(FY26\/27 to FY29\/30\)$/,
      ),
    ]);
  });
});
