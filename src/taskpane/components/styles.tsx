import * as React from "react";

/**
 * The pane's layout rules, inlined so the bundle needs no CSS loader. One column down to 320 px; the preview
 * moves beside the form when there is room (a browser window rather than a taskpane).
 */
const CSS = `
.mtfs-root { overflow-wrap: anywhere; font-family: "Segoe UI", system-ui, sans-serif; font-size: 14px; color: #242424; padding: 8px; max-width: 1100px; margin: 0 auto; box-sizing: border-box; }
.mtfs-root *, .mtfs-root *::before, .mtfs-root *::after { box-sizing: border-box; }
.mtfs-h1 { font-size: 18px; margin: 4px 0 8px; }
.mtfs-h2 { font-size: 16px; margin: 8px 0; }
.mtfs-h3 { font-size: 14px; margin: 12px 0 4px; }
.mtfs-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin-bottom: 8px; }
.mtfs-steps ol { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: nowrap; gap: 4px; }
.mtfs-steps li { flex: 0 1 auto; min-width: 0; }
.mtfs-step { position: relative; font: inherit; border: 1px solid #d1d1d1; background: #fff; border-radius: 16px; min-width: 32px; height: 32px; padding: 0 8px; cursor: pointer; display: inline-flex; align-items: center; justify-content: center; gap: 6px; }
.mtfs-step[aria-current="step"] { background: #0f6cbd; color: #fff; border-color: #0f6cbd; }
.mtfs-step-num { font-weight: 600; }
.mtfs-step-title { display: none; white-space: nowrap; }
.mtfs-step .mtfs-badge { position: absolute; top: -6px; right: -6px; margin: 0; }
.mtfs-step:focus-visible, .mtfs-link:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
.mtfs-badge { display: inline-block; margin-left: 6px; min-width: 18px; border-radius: 9px; background: #c50f1f; color: #fff; font-size: 11px; text-align: center; padding: 0 4px; }
.mtfs-body { display: flex; flex-direction: column; gap: 16px; }
.mtfs-main { display: flex; flex-direction: column; gap: 10px; min-width: 0; flex: 1 1 auto; }
.mtfs-main input, .mtfs-main select, .mtfs-main textarea { max-width: 100%; }
.mtfs-preview { border-top: 1px solid #e0e0e0; padding-top: 8px; min-width: 0; }
.mtfs-preview[data-stale="true"] .mtfs-table, .mtfs-preview[data-stale="true"] svg { opacity: 0.55; }
.mtfs-stale { color: #8a3707; font-size: 12px; }
.mtfs-summary { margin: 0 0 8px; }
.mtfs-summary div { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px; }
.mtfs-summary dt { font-weight: 600; }
.mtfs-summary dd { margin: 0; }
.mtfs-table { border-collapse: collapse; width: 100%; margin-bottom: 8px; font-variant-numeric: tabular-nums; }
.mtfs-table caption { text-align: left; font-weight: 600; }
.mtfs-table th, .mtfs-table td { border-bottom: 1px solid #edebe9; padding: 2px 4px; text-align: right; }
.mtfs-table th[scope="row"], .mtfs-table th:first-child { text-align: left; }
.mtfs-table td, .mtfs-table th { white-space: nowrap; }
.mtfs-beyond { color: #616161; font-style: italic; }
.mtfs-rows fieldset { border: 1px solid #e0e0e0; border-radius: 4px; margin: 0 0 8px; padding: 8px; display: flex; flex-direction: column; gap: 6px; }
.mtfs-h4 { font-size: 13px; margin: 8px 0 2px; }
.mtfs-streams { display: flex; flex-direction: column; gap: 8px; }
.mtfs-stream { border: 1px solid #c7d7ea; border-left: 4px solid #0f6cbd; border-radius: 4px; margin: 0; padding: 8px; display: flex; flex-direction: column; gap: 6px; min-width: 0; }
.mtfs-stream > legend { font-weight: 600; padding: 0 4px; }
.mtfs-rows fieldset { min-width: 0; }
.mtfs-root .fui-Select { min-width: 0; max-width: 100%; }
.mtfs-stream-fields { display: flex; flex-direction: column; gap: 6px; }
.mtfs-stream-tools { display: flex; flex-wrap: wrap; gap: 4px; }
.mtfs-stream-add { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
.mtfs-field-error { margin: 0; font-size: 12px; color: #b10e1c; }
.mtfs-computed { margin: 0; font-size: 12px; color: #424242; }
.mtfs-footer { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding-top: 8px; border-top: 1px solid #e0e0e0; }
.mtfs-hint { font-size: 12px; color: #8a3707; }
.mtfs-errors { padding-left: 18px; }
.mtfs-link { font: inherit; background: none; border: none; color: #0f6cbd; text-decoration: underline; cursor: pointer; text-align: left; padding: 0; }
.mtfs-file { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; width: 100%; }
.mtfs-review { margin: 0; display: grid; gap: 6px; }
.mtfs-review div { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0; border-bottom: 1px solid #edebe9; padding-bottom: 4px; }
.mtfs-review dt { font-weight: 600; font-size: 12px; color: #424242; }
.mtfs-review dd { margin: 0; }
.mtfs-legend { font-size: 11px; color: #424242; margin: 4px 0 0; }
.mtfs-key { display: inline-block; width: 10px; height: 10px; vertical-align: middle; margin-right: 2px; }
.mtfs-legend-item { display: inline-block; margin-right: 8px; white-space: nowrap; }
.mtfs-scroll { overflow-x: auto; max-width: 100%; }
.mtfs-scroll .mtfs-table thead th { white-space: normal; vertical-align: bottom; }
.mtfs-key-bar { background: #0f6cbd; }
.mtfs-key-line { height: 2px; background: #c50f1f; margin-left: 8px; }
.mtfs-editing { margin: 0; font-size: 12px; color: #424242; }
.mtfs-report ul { max-height: 200px; overflow: auto; font-size: 12px; }
.mtfs-risk { margin-top: 8px; display: flex; flex-direction: column; gap: 4px; }
.mtfs-panel { border-top: 1px solid #e0e0e0; padding: 4px 0; }
.mtfs-panel > summary { font-weight: 600; cursor: pointer; padding: 4px 0; }
.mtfs-panel > summary:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
.mtfs-note { font-size: 12px; color: #424242; margin: 4px 0; }
.mtfs-sim-settings { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin-bottom: 6px; }
.mtfs-sim-settings .fui-Field { width: 7.5em; }
.mtfs-sim-settings .fui-Input { min-width: 0; width: 100%; }
.mtfs-sim-result[data-stale="true"] .mtfs-table, .mtfs-sim-result[data-stale="true"] svg { opacity: 0.55; }
.mtfs-table th.mtfs-wrap { white-space: normal; min-width: 8em; }
.mtfs-figure { white-space: nowrap; }
.mtfs-table td.mtfs-figures { white-space: normal; }
.mtfs-ends { display: block; font-weight: normal; font-size: 11px; color: #424242; }
@media (min-width: 760px) {
  .mtfs-steps ol { flex-wrap: wrap; }
  .mtfs-step { padding: 0 12px 0 6px; }
  .mtfs-step-title { display: inline; }
  .mtfs-review div { grid-template-columns: 12em minmax(0, 1fr); gap: 8px; }
  .mtfs-body { flex-direction: row; align-items: flex-start; }
  .mtfs-preview { flex: 0 0 340px; border-top: none; border-left: 1px solid #e0e0e0; padding: 0 0 0 12px; position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow-y: auto; }
}
`;

/** Injects the pane's stylesheet. */
export function WizardStyles(): React.JSX.Element {
  return <style>{CSS}</style>;
}
