/**
 * End-to-end: a two-stream proposal typed into the standalone page (dist/standalone.html) in Debian's chromium,
 * the stacked preview checked against the engine on the same proposal JSON, at 1280 px and at 320 px.
 * Requires `npm run build` and /usr/bin/chromium (fails with the fix otherwise). Screenshots go to
 * test-artifacts/ (git-ignored).
 */
import * as path from "path";
import type { Page } from "playwright-core";
import { computeAssumptions, formatMoney, parseProposal } from "../../src/engine";
import { ARTIFACTS, e2eSuite, fieldSelector } from "./harness";

/** A prevention proposal with two cohorts starting on different dates (issue 13's "falls" and "cognitive decline"). */
const FALLS: readonly (readonly [string, string])[] = [
  ["label", "Falls"],
  ["id", "falls"],
  ["baseline.volumePerYear", "400"],
  ["target.value", "10"],
  ["durationWeeks", "26"],
  ["unitCost.weeklyCost", "800"],
  ["timeline.startDate", "2026-07-01"],
  ["timeline.rolloutMonths", "6"],
];
const COGNITIVE: readonly (readonly [string, string])[] = [
  ["label", "Cognitive decline"],
  ["id", "cognitive"],
  ["baseline.volumePerYear", "150"],
  ["target.value", "8"],
  ["durationWeeks", "52"],
  ["unitCost.weeklyCost", "1200"],
  ["timeline.startDate", "2027-04-01"],
  ["timeline.pilotMonths", "3"],
  ["timeline.rolloutMonths", "9"],
];

/** The same proposal as JSON, for the engine to compute directly. */
function stream(kind: string, fields: readonly (readonly [string, string])[]): Record<string, unknown> {
  const s: Record<string, unknown> = { kind, lever: "entry", target: { kind: "percent" }, timeline: {} };
  for (const [key, value] of fields) {
    const parts = key.split(".");
    const numeric = !["label", "id", "timeline.startDate"].includes(key);
    const v = key === "target.value" ? `${value}%` : numeric ? Number(value) : value;
    let at = s;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1]] = v;
  }
  return s;
}
const PROPOSAL = {
  opportunity: { name: "Ageing well prevention", confidence: { level: "Low" } },
  assumptions: { streams: [stream("cohort", FALLS), stream("cohort", COGNITIVE)] },
};

const suite = e2eSuite();

function openWizard(width: number): Promise<Page> {
  return suite.openStandalone({ width, clearDraft: true });
}

/** The whole page, what the window shows, and the preview on its own (for review at full resolution). */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-window.png`) });
  await page
    .getByRole("complementary", { name: "Live preview" })
    .screenshot({ path: path.join(ARTIFACTS, `${name}-preview.png`) });
}

/** Types the two streams from a blank proposal: the first Add stream makes the blank cohort stream 1. */
async function typeTwoStreams(page: Page): Promise<void> {
  await page.locator(fieldSelector("opportunity.name")).fill("Ageing well prevention");
  await page
    .getByRole("navigation", { name: "Steps" })
    .getByRole("button", { name: /Baseline and target/ })
    .click();
  await page
    .getByLabel("Kind of the new stream")
    .selectOption({ label: "Avoided or shortened care (cohort)" });
  await page.getByRole("button", { name: "Add stream" }).click();
  await page.getByRole("group", { name: /^Stream 2:/ }).waitFor();
  for (const [i, fields] of [FALLS, COGNITIVE].entries()) {
    for (const [key, value] of fields) {
      await page.locator(fieldSelector(`assumptions.streams.${i}.${key}`)).fill(value);
    }
  }
}

describe("standalone wizard with saving streams", () => {
  it("builds a two-stream proposal and previews the streams stacked, as the engine computes them", async () => {
    const page = await openWizard(1280);
    await typeTwoStreams(page);
    const table = page.getByTestId("stream-table");
    await table.waitFor();
    const expected = computeAssumptions(parseProposal(PROPOSAL).assumptions);
    for (const [k, s] of expected.proposal.streams.entries()) {
      expect(s.id).toBe(["falls", "cognitive"][k]);
      for (const y of s.years) {
        expect(await page.getByTestId(`stream-${s.id}-${y.label}`).innerText()).toBe(formatMoney(y.gross));
      }
    }
    for (const y of expected.profile.years) {
      expect(await page.getByTestId(`cumulative-${y.label}`).innerText()).toBe(formatMoney(y.cumulative));
    }
    // The chart: one segment per stream and FY, each stream in its own colour, and the net line.
    const chart = page.getByTestId("profile-chart");
    const fyCount = expected.profile.years.length;
    expect(await chart.locator('rect[data-stream="0"]').count()).toBe(fyCount);
    expect(await chart.locator('rect[data-stream="1"]').count()).toBe(fyCount);
    const fills = await chart
      .locator("rect")
      .evaluateAll((rs) => [...new Set(rs.map((r) => r.getAttribute("fill")))]);
    expect(fills).toHaveLength(2);
    expect(await chart.locator("polyline").count()).toBe(1);
    await expect(page.getByRole("button", { name: "Finish", exact: true }).isEnabled()).resolves.toBe(true);
    await page.getByRole("group", { name: /^Stream 2:/ }).scrollIntoViewIfNeeded();
    await shot(page, "e2e-streams-1280px");

    // Reorder with the keyboard: focus Move up on stream 2 and press Enter.
    await page.getByRole("button", { name: "Move stream 2 (Cognitive decline) up" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("group", { name: "Stream 1: Cognitive decline" }).waitFor();
    const headers = await table.locator("thead th").allInnerTexts();
    expect(headers).toEqual(["Year", "Cognitive decline", "Falls", "Net"]);
    await shot(page, "e2e-streams-reordered-1280px");

    // The Review step: a line per stream, in its new order.
    await page
      .getByRole("navigation", { name: "Steps" })
      .getByRole("button", { name: /Review and finish/ })
      .click();
    const summary = page.getByTestId("review-summary");
    await expect(summary.getByText("Stream 1: Cognitive decline").isVisible()).resolves.toBe(true);
    await expect(summary.getByText("Stream 2: Falls").isVisible()).resolves.toBe(true);
    await shot(page, "e2e-streams-review-1280px");
    // Finish writes the proposal sheet into the page's workbook.
    await page.getByRole("button", { name: "Finish", exact: true }).click();
    await page.getByText('Wrote sheet "Ageing well prevention"').waitFor();
  });

  it("reads at 320 px: streams, their buttons and the by-stream table, with no sideways scroll", async () => {
    const page = await openWizard(320);
    await typeTwoStreams(page);
    await page.getByTestId("stream-table").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Each stream's move and remove buttons fit on the screen.
    for (const name of ["Move stream 2 (Cognitive decline) up", "Remove stream 2 (Cognitive decline)"]) {
      const box = await page.getByRole("button", { name }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 320).toBe(true);
    }
    await shot(page, "e2e-streams-320px");
    // The head of a stream (legend, its buttons, kind, label, id) as it reads at 320 px.
    await page.getByRole("group", { name: /^Stream 2:/ }).evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: path.join(ARTIFACTS, "e2e-streams-320px-stream-head.png") });
  });
});
