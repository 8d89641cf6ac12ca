import { readFileSync } from "fs";
import { join } from "path";

/**
 * The README's set-up lines tell a new user (and their IT) what the second command installs, so they can
 * approve it: every Debian package scripts/install-system-deps.sh may install must be named there.
 */
const root = join(__dirname, "..", "..");
const read = (file: string): string => readFileSync(join(root, file), "utf8");

it("names every Debian package that scripts/install-system-deps.sh installs", () => {
  const packages = [...read("scripts/install-system-deps.sh").matchAll(/need\+=\(([\w.+-]+)\)/g)].map(
    (m) => m[1],
  );
  expect(packages.length).toBeGreaterThan(0);
  const setUp = read("README.md").split("\n## ")[0];
  expect(packages.filter((p) => !setUp.includes(`\`${p}\``))).toEqual([]);
});
