/**
 * Starting the taskpane in Excel: detect the Office host (a plain browser gets a message, not a TypeError),
 * and build the wizard only once the pane is visible. The page is also the shared runtime of the custom
 * functions, loaded hidden when a workbook first calculates an MTFS function; building the wizard there would
 * read the workbook and keep its draft for nobody.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { Wizard, type PaneVisibility } from "./components/Wizard";
import { ENGINE } from "./engineBridge";
import { EXAMPLES } from "./examples";
import type { WorkbookHost } from "./host";

/** Where the page was opened, when it is not Excel, in words for the message. */
export type MissingHost = "no-office-js" | "not-excel";

/**
 * The message shown instead of the wizard when there is no Excel to work in.
 *
 * @example
 * <NoHost reason="not-excel" />
 */
export function NoHost({ reason }: { readonly reason: MissingHost }): React.JSX.Element {
  return (
    <main
      className="mtfs-nohost"
      role="alert"
      style={{ fontFamily: "Segoe UI, system-ui, sans-serif", padding: 12 }}
    >
      <h1 style={{ fontSize: 18 }}>MTFS Benefits runs inside Excel</h1>
      <p>
        {reason === "no-office-js"
          ? "This page could not load Office (office.js), so it cannot reach a workbook."
          : "This page was opened outside Excel, so there is no workbook for it to work on."}
      </p>
      <p>
        To build a proposal in a browser, open the standalone wizard:{" "}
        <a href="standalone.html">standalone.html</a>. In Excel, open the add-in from its ribbon button.
      </p>
    </main>
  );
}

/** The pane's visibility as Office reports it, with listeners (the wizard saves its draft on hide). */
export interface PaneVisibilitySource extends PaneVisibility {
  readonly visible: boolean;
}

/**
 * The pane's visibility: visible at first when the page itself is (a hidden functions runtime is not), then
 * what `Office.addin.onVisibilityModeChanged` says. Without `Office.addin` (no shared runtime) the page is
 * only ever a pane, so visible.
 *
 * @example
 * const v = officeVisibility(Office, document); v.subscribe((shown) => console.log(shown));
 */
export function officeVisibility(office: typeof Office, doc: Document): PaneVisibilitySource {
  const listeners = new Set<(visible: boolean) => void>();
  let visible = office.addin === undefined || doc.visibilityState === "visible";
  const set = (next: boolean): void => {
    if (next === visible) return;
    visible = next;
    for (const l of [...listeners]) l(next);
  };
  void office.addin?.onVisibilityModeChanged((args) => set(args.visibilityMode === "Taskpane"));
  // Some hosts show the pane's page before (or without) the visibility event: becoming visible is enough.
  doc.addEventListener("visibilitychange", () => {
    if (doc.visibilityState === "visible") set(true);
  });
  return {
    get visible() {
      return visible;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The wizard, mounted the first time the pane is visible and kept while hidden (its typing stays). */
export function PaneApp({
  host,
  visibility,
}: {
  readonly host: () => WorkbookHost;
  readonly visibility: PaneVisibilitySource;
}): React.JSX.Element | null {
  const [shown, setShown] = React.useState(visibility.visible);
  React.useEffect(() => {
    if (visibility.visible) setShown(true);
    return visibility.subscribe((visible) => {
      if (visible) setShown(true);
    });
  }, [visibility]);
  // The host (and its draft store) is made only once the wizard is: a hidden runtime reads nothing.
  const wizardHost = React.useMemo(() => (shown ? host() : null), [shown, host]);
  if (wizardHost === null) return null;
  return <Wizard host={wizardHost} engine={ENGINE} examples={EXAMPLES} visibility={visibility} />;
}

/**
 * Renders the taskpane into `root`: the message when Office or Excel is missing, else the wizard once the
 * pane is visible. When the page already carries its own notice in `root` (taskpane.html's static check,
 * which also covers web views too old to run this bundle), that notice is left to say it; this message is
 * the fallback for a page without one.
 *
 * @example
 * void startTaskpane(document.getElementById("root")!, globalThis.Office, () => officeHost(new OfficePort()));
 */
export async function startTaskpane(
  root: HTMLElement,
  office: typeof Office | undefined,
  host: () => WorkbookHost,
  doc: Document = document,
): Promise<void> {
  const render = (node: React.ReactNode): void =>
    createRoot(root).render(<FluentProvider theme={webLightTheme}>{node}</FluentProvider>);
  const pageHasNotice = root.childElementCount > 0;
  const missing = (reason: MissingHost): void => {
    if (!pageHasNotice) render(<NoHost reason={reason} />);
  };
  if (office === undefined || typeof office.onReady !== "function") {
    missing("no-office-js");
    return;
  }
  const info = await office.onReady();
  if (info?.host !== (office.HostType?.Excel ?? "Excel")) {
    missing("not-excel");
    return;
  }
  render(<PaneApp host={host} visibility={officeVisibility(office, doc)} />);
}
