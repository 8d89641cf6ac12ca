/**
 * PLACEHOLDER (helper C, build owner) so webpack's "index" entry exists; helper E owns this file and replaces it
 * with the real taskpane entry point.
 */
const root = typeof document !== "undefined" ? document.getElementById("root") : null;
if (root) root.textContent = "MTFS Benefits: the taskpane is being built.";

export {};
