import * as React from "react";
import { emptyDraft, isDraft, type Draft } from "../form/draft";
import type { WorkbookHost } from "../host";

/**
 * The draft as React state, loaded from the host's draft store and saved back on every change, so nothing typed
 * is lost when stepping back and forth or closing and reopening the pane.
 */
export function useStoredDraft(host: WorkbookHost): [Draft, React.Dispatch<React.SetStateAction<Draft>>] {
  const [draft, setDraft] = React.useState<Draft>(() => {
    const stored = host.drafts.load();
    return isDraft(stored) ? stored : emptyDraft();
  });
  React.useEffect(() => host.drafts.save(draft), [host, draft]);
  return [draft, setDraft];
}
