/**
 * Entry of the taskpane in Excel (dist/taskpane.html, the shared runtime that also runs the custom functions).
 * Detects the Office host, then renders the wizard over the Office.js workbook port once the pane is visible.
 */
import { OfficePort } from "../workbook/office/officePort";
import { officeHost } from "./officeHost";
import { startTaskpane } from "./pane";

const root = document.getElementById("root");
if (root) {
  // `Office` is undefined when office.js did not load (a plain browser offline): read it without a TypeError.
  const office = (globalThis as { Office?: typeof Office }).Office;
  void startTaskpane(root, office, () => officeHost(new OfficePort()));
}
