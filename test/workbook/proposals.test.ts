import fc from "fast-check";
import { proposalSheetName } from "../../src/workbook/names";
import { planProposal } from "../../src/workbook/proposals";
import { readExample } from "./fixtures";

const CFS = readExample("cfs-targeted-prevention.json") as { opportunity: Record<string, unknown> };
const named = (name: string): unknown => ({ ...CFS, opportunity: { ...CFS.opportunity, name } });

describe("planProposal's sheet name", () => {
  it("never takes a sheet name the register still holds, even when that sheet is gone from the workbook", () => {
    // A proposal's sheet renamed (not yet followed) or deleted: its registered name is not free.
    const planned = planProposal(named("CFS: Targeted Prevention"), ["Renamed CFS"], {
      proposalSheets: ["CFS Targeted Prevention"],
    });
    expect(planned.layout.sheet).not.toBe("CFS Targeted Prevention");
    expect(planned.sheetNote).toContain('"CFS Targeted Prevention" is already another proposal\'s sheet');
  });

  it("gives a sheet no registered or present sheet has, or refuses a name the user's own sheet holds", () => {
    const word = fc.constantFrom("CFS", "Targeted", "Prevention", "Pilot", "Reablement");
    const sheetName = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" "));
    const lower = (xs: readonly string[]): string[] => xs.map((s) => s.toLowerCase());
    fc.assert(
      fc.property(
        sheetName,
        fc.array(sheetName, { maxLength: 4 }),
        fc.array(sheetName, { maxLength: 4 }),
        (name, others, registered) => {
          // The registered sheets that are still there are among the workbook's sheets, with the user's own.
          const present = [...others, ...registered.slice(0, 2)];
          const own = proposalSheetName(name).toLowerCase();
          const plan = (): string =>
            planProposal(named(name), present, { proposalSheets: registered }).layout.sheet;
          if (lower(present).includes(own) && !lower(registered).includes(own)) {
            expect(plan).toThrow(/already in the workbook/);
            return;
          }
          const sheet = plan();
          expect(lower([...present, ...registered])).not.toContain(sheet.toLowerCase());
          // A name nothing holds is kept as the opportunity's own.
          if (!lower([...present, ...registered]).includes(own)) expect(sheet).toBe(proposalSheetName(name));
        },
      ),
      { numRuns: 50 },
    );
  });
});
