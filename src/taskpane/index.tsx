/**
 * Entry of the taskpane in Excel (dist/taskpane.html, the shared runtime that also runs the custom functions).
 * Waits for Office.js, then renders the wizard over the Office.js workbook port.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OfficePort } from "../workbook/office/officePort";
import { Wizard } from "./components/Wizard";
import { ENGINE } from "./engineBridge";
import { EXAMPLES } from "./examples";
import { officeHost } from "./officeHost";

void Office.onReady(() => {
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <Wizard host={officeHost(new OfficePort())} engine={ENGINE} examples={EXAMPLES} />
    </FluentProvider>,
  );
});
