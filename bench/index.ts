/**
 * `npm run bench`: prints speed figures measured in one run. Not a test: nothing here asserts a time.
 * Each section lives in its own module and exports `run()`.
 */
import * as fs from "fs";
import * as path from "path";

async function main(): Promise<void> {
  const sections = ["profile", "examples", "simulate", "demand", "functions", "workbook"];
  for (const name of sections) {
    const file = path.join(__dirname, `${name}.ts`);
    if (!fs.existsSync(file)) continue;
    const mod = (await import(file)) as { run: () => Promise<void> | void };
    console.log(`\n== ${name}`);
    await mod.run();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
