import { FORECAST_CUMULATIVE } from "../../src/engine";
import { updateDashboard } from "../../src/workbook/dashboard";
import { DASHBOARD_SHEET } from "../../src/workbook/layouts/dashboardSheet";
import { importActuals } from "../../src/workbook/tracking";
import { demoWorkbook } from "./fixtures";

describe("Dashboard headings", () => {
  it("heads the forecast of the current FY as the cumulative benefit, with the words track report uses", async () => {
    const { port } = await demoWorkbook();
    const actual = {
      proposal: "CFS Targeted Prevention",
      stream: "",
      measure: "avoidedEvents",
      source: "test",
    };
    await importActuals(port, [{ ...actual, period: "2027-Q3", value: 1 }], { dryRun: false });
    await updateDashboard(port);
    const rows = (await port.readUsedRange(DASHBOARD_SHEET)).map((r) => r.map((c) => c.value));
    const header = rows.find((r) => r.includes("Forecast FY"))!;
    const at = header.indexOf("Forecast FY");
    expect(header[at + 1]).toBe(`${FORECAST_CUMULATIVE} (that FY)`);
    expect(FORECAST_CUMULATIVE).toBe("Forecast cumulative benefit");
    expect(header).toContain("Forecast MTFS row (last MTFS FY)");
  });
});
