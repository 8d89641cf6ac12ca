/**
 * Entry of the standalone page (dist/standalone.html): the wizard in a plain browser over the ExcelJS adapter.
 * `exceljs` resolves to its browser build (package.json "browser" field), so this runs without Node or Office.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import * as ExcelJS from "exceljs";
import { StandaloneApp } from "./components/StandaloneApp";
import { ENGINE } from "./engineBridge";
import { EXAMPLES } from "./examples";
import { WORKBOOK_OPS } from "./workbookOps";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <StandaloneApp excel={ExcelJS} engine={ENGINE} ops={WORKBOOK_OPS} examples={EXAMPLES} />
    </FluentProvider>,
  );
}
