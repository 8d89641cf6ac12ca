/**
 * End-to-end: the demand panel on the standalone page (dist/standalone.html) in Debian's chromium. Requires
 * `npm run build` first. A screenshot goes to test-artifacts/demand-panel.png (git-ignored).
 */
import * as path from "path";
import { ARTIFACTS, e2eSuite } from "./harness";

const suite = e2eSuite();

describe("demand panel", () => {
  it("shows a council's do-nothing and with-impact spend against budget and the break-even year", async () => {
    const page = await suite.openStandalone({ width: 1100 });
    await page.getByText("Demand baseline: children in care").click();
    const panel = page.getByTestId("demand-panel");
    await page.getByTestId("demand-chart").waitFor();
    // The 500k council of the national report breaks even in 2033/34.
    expect(await page.getByTestId("demand-break-even").textContent()).toContain("Break-even: FY33/34");
    // A council's own figures: a smaller entries lever breaks even later (or not at all).
    await page.locator("#demand-entriesChange").fill("-5");
    await page.getByText(/Break-even: (FY34\/35|FY35\/36|not by FY35\/36)/).waitFor();
    await page.locator("#demand-entriesChange").fill("-14.5");
    await page.getByText("Break-even: FY33/34").waitFor();
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(ARTIFACTS, "demand-panel.png") });
    await page.context().close();
  });
});
