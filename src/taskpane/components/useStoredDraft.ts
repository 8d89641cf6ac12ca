import * as React from "react";
import { emptyDraft, isDraft, type Draft } from "../form/draft";
import type { WorkbookHost } from "../host";

/**
 * The draft as React state, loaded from the host's draft store and handed back to it on every change (the
 * store decides what that costs: in Excel it stays in memory, since saving the document's settings clears
 * Undo). `persist` makes it survive a reload; the wizard calls it on Next and Finish.
 */
export function useStoredDraft(
  host: WorkbookHost,
): [Draft, React.Dispatch<React.SetStateAction<Draft>>, () => Promise<boolean>] {
  const [draft, setDraft] = React.useState<Draft>(() => {
    const stored = host.drafts.load();
    return isDraft(stored) ? stored : emptyDraft();
  });
  React.useEffect(() => host.drafts.save(draft), [host, draft]);
  const persist = React.useCallback(() => host.drafts.persist(), [host]);
  return [draft, setDraft, persist];
}
