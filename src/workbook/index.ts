/**
 * The workbook layer: sheet layouts, the WorkbookPort and its adapters' common operations.
 * The Office.js adapter is imported from "./office/officePort" by the add-in only (it needs Office.js).
 */
export * from "./port";
export * from "./address";
export * from "./errors";
export * from "./register";
export * from "./ownedCells";
export * from "./operations";
export * from "./changeReport";
export * from "./layouts/types";
export * from "./layouts/programmeConfig";
export { proposalSheetLayout, PROPOSAL_LAYOUT_ID, type ProposalSheetLayout } from "./layouts/proposalSheet";
export { programmeSheetLayout, programmePositions, PROGRAMME_SHEET } from "./layouts/programmeSheet";
export { resourceCostLayout, paybackFormula, RESOURCE_COST_SHEET } from "./layouts/resourceCostSheet";
export { themesLayout, THEMES_SHEET } from "./layouts/themesSheet";
export { ExcelJsPort } from "./exceljs/excelJsPort";
export { loadXlsxPreserving } from "./exceljs/packageOrigin";
export { demandSheetLayout, DEMAND_SHEET, type DemandSheetLayout } from "./layouts/demandSheet";
export { writeDemandSheet } from "./demand";
export { atomically } from "./journal";
