/**
 * End-to-end: the preview's appraisal, sensitivity and Monte Carlo panels on the standalone page
 * (dist/standalone.html) in Debian's chromium, with the CFS example. Requires `npm run build` and
 * `npm run build:cli` first. Screenshots go to test-artifacts/e2e-risk-*.png (git-ignored).
 */
import { execFileSync } from "child_process";
import * as path from "path";
import type { Page } from "playwright-core";
import { formatMoney } from "../../src/engine";
import { ARTIFACTS, ROOT, e2eSuite, figureLines } from "./harness";

const suite = e2eSuite();

async function openCfs(width: number): Promise<{ page: Page; close: () => Promise<void> }> {
  // Tall enough that the preview column (its own scroll from 760 px) shows every section at once.
  const page = await suite.openStandalone({ width, height: 2400 });
  await page.getByLabel("Start from").selectOption("CFS Targeted Prevention");
  await page.getByRole("button", { name: "Load", exact: true }).click();
  await page.getByText("Started from CFS Targeted Prevention.").waitFor();
  return { page, close: () => page.context().close() };
}

/** Opens a preview section from the keyboard: focus its summary, press Enter. */
async function openSection(page: Page, summary: string): Promise<void> {
  const s = page.locator("summary", { hasText: summary });
  await s.focus();
  await page.keyboard.press("Enter");
}

interface SimJson {
  proposals: { years: { fy: string; p10: number; p50: number; p90: number; probability: number }[] }[];
}

describe("preview risk panels (chromium)", () => {
  it("runs the Monte Carlo in chunks (progress, Cancel), gives the CLI's numbers for a seed, and draws the tornado and fan", async () => {
    const { page, close } = await openCfs(1280);
    await page.getByTestId("npv").waitFor();
    await openSection(page, "Sensitivity (tornado)");
    await page.getByTestId("tornado-chart").waitFor();
    expect(await page.locator("[data-testid=tornado-chart] g[data-input]").count()).toBe(8);
    await openSection(page, "Monte Carlo");
    const panel = page.getByTestId("simulation-panel");
    // A long run: the bar moves and Cancel answers, so the pane is not frozen while it runs.
    await panel.getByLabel("Iterations").fill("100,000");
    await panel.getByRole("button", { name: "Run" }).click();
    await panel.getByRole("progressbar").waitFor();
    await panel.getByText(/^[1-9][\d,]* of 100,000 iterations$/).waitFor();
    await panel.getByRole("button", { name: "Cancel" }).click();
    await panel.getByTestId("simulation-cancelled").waitFor();
    // The CLI's numbers for the same seed.
    await panel.getByLabel("Iterations").fill("2,000");
    await panel.getByLabel("Seed").fill("7");
    await panel.getByRole("button", { name: "Run" }).click();
    await panel.getByTestId("simulation-table").waitFor({ timeout: 60_000 });
    const cli = JSON.parse(
      execFileSync(
        process.execPath,
        [
          "bin/mtfs-benefits.js",
          "simulate",
          "--input",
          "examples/cfs-targeted-prevention.json",
          "--iterations",
          "2000",
          "--seed",
          "7",
          "--format",
          "json",
        ],
        { cwd: ROOT, encoding: "utf8" },
      ),
    ) as SimJson;
    for (const y of cli.proposals[0].years) {
      const label = y.fy.replace(" ", "");
      for (const p of ["p10", "p50", "p90"] as const) {
        // The pane words money by the one rule (£m, £k below £0.1m, "-" below £50): the CLI's figure so worded.
        const shown = ((await panel.getByTestId(`${p}-${label}`).textContent()) ?? "").trim();
        expect([label, p, shown]).toEqual([label, p, formatMoney(y[p])]);
      }
    }
    await page.getByTestId("fan-chart").waitFor();
    expect(await page.getByTestId("fan-band").count()).toBe(1);
    const preview = page.getByRole("complementary", { name: "Live preview" });
    await page.screenshot({ path: path.join(ARTIFACTS, "e2e-risk-1280.png"), fullPage: true });
    await preview.screenshot({ path: path.join(ARTIFACTS, "e2e-risk-1280-preview.png") });
    await page
      .getByTestId("simulation-panel")
      .screenshot({ path: path.join(ARTIFACTS, "e2e-risk-1280-simulation.png") });
    await close();
  }, 180_000);

  it("fits a 320 px pane: no sideways scroll, the tables scroll inside themselves", async () => {
    const { page, close } = await openCfs(320);
    await page.getByTestId("npv").waitFor();
    await openSection(page, "Sensitivity (tornado)");
    await page.getByTestId("tornado-chart").waitFor();
    await openSection(page, "Monte Carlo");
    const panel = page.getByTestId("simulation-panel");
    await panel.getByLabel("Iterations").fill("1,000");
    await panel.getByRole("button", { name: "Run" }).click();
    await panel.getByTestId("simulation-table").waitFor({ timeout: 60_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Every money figure in a line of text (the preview's summary, the NPV, the tornado's base and ends) whole.
    const figures = await figureLines(page);
    expect(figures.count).toBeGreaterThanOrEqual(4);
    expect(figures.broken).toEqual([]);
    const risk = page.getByRole("region", { name: "Risk and appraisal" });
    await risk.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "e2e-risk-320.png"), fullPage: true });
    for (const section of ["appraisal", "sensitivity", "simulation"]) {
      await page
        .getByTestId(`${section}-panel`)
        .screenshot({ path: path.join(ARTIFACTS, `e2e-risk-320-${section}.png`) });
    }
    // The inflation held centrally: each figure and its contingency in brackets, wider rows, still no sideways scroll.
    await page.getByRole("button", { name: /Costs and durations/ }).click();
    await page
      .getByLabel(/Hold the inflation in a central contingency/)
      .first()
      .check();
    await page
      .getByTestId("cumulative-FY27/28")
      .getByText(/\(£\d+\.\dk\)$/)
      .waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    expect((await figureLines(page)).broken).toEqual([]);
    await page
      .getByTestId("profile-table")
      .screenshot({ path: path.join(ARTIFACTS, "e2e-risk-320-contingency.png") });
    await close();
  }, 180_000);
});
