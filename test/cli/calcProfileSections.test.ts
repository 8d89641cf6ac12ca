import { example, run } from "./workbookCli";

/** `calc profile`'s table: each section after the first stands apart, after a blank line (a trial found one that did not). */

describe("mtfs-benefits calc profile (table)", () => {
  it.each(["cfs-targeted-prevention.json", "family-based-placements.json"])(
    "puts a blank line before each section heading of %s",
    async (file) => {
      const r = await run(["calc", "profile", "--input", example(file)]);
      expect(r.code).toBe(0);
      const lines = r.stdout.split("\n");
      // The risk-adjusted section is there only for a proposal with a confidence level.
      const [greenBook, risk, byKind] = [
        /^Green Book view /,
        /^Risk-adjusted MTFS row /,
        /^Gross saving by kind /,
      ];
      const at = (heading: RegExp): number => lines.findIndex((l) => heading.test(l));
      expect([at(greenBook) > 0, at(byKind) > 0]).toEqual([true, true]);
      for (const heading of [greenBook, risk, byKind].filter((h) => at(h) >= 0))
        expect(lines[at(heading) - 1]).toBe("");
      // One blank line, never two.
      expect(r.stdout).not.toMatch(/\n\n\n/);
    },
  );
});
