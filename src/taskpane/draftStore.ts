import type { DraftStore } from "./host";

const KEY = "mtfs-benefits.draft";

/**
 * Draft kept in the browser's localStorage (standalone mode). Writing there is cheap and touches no document,
 * so `save` writes at once; a failed write (private mode, quota) is kept and reported by the next `persist`,
 * so the user is told their draft will not survive a reload while their typing stays on screen.
 *
 * @example
 * localDraftStore(window.localStorage).save({ values: {} })
 */
export function localDraftStore(storage: Storage | undefined): DraftStore {
  let failure: string | null = null;
  return {
    load() {
      try {
        const text = storage?.getItem(KEY);
        return text ? (JSON.parse(text) as unknown) : null;
      } catch {
        return null;
      }
    },
    save(draft) {
      try {
        storage?.setItem(KEY, JSON.stringify(draft));
        failure = null;
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e);
      }
    },
    persist() {
      if (failure === null) return Promise.resolve(false);
      return Promise.reject(new Error(`the browser refused to store it (${failure})`));
    },
    clear() {
      try {
        storage?.removeItem(KEY);
      } catch {
        // Nothing to keep: a draft that cannot be removed is simply loaded again next time.
      }
    },
  };
}

/** What `Settings.saveAsync` passes its callback (the subset of `Office.AsyncResult` used here). */
export interface SaveAsyncResult {
  readonly status: string;
  readonly error?: { readonly message?: string } | null;
}

/** The subset of `Office.Settings` the draft store needs (so tests can pass a fake). */
export interface OfficeSettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: SaveAsyncResult) => void): void;
}

/**
 * Draft kept in the document's settings (`Office.context.document.settings`), so it travels with the
 * workbook. `settings.saveAsync` clears Excel's Undo stack, so `save` only keeps the draft in memory; the
 * settings are written by `persist` (the wizard calls it on Next, Finish and when the pane hides), and only
 * when the draft differs from what the document already holds. A failed save rejects with Office's message.
 *
 * @example
 * const store = officeDraftStore(Office.context.document.settings);
 * store.save(draft);          // no saveAsync
 * await store.persist();      // one saveAsync, true; again with no change: none, false
 */
export function officeDraftStore(settings: OfficeSettingsLike): DraftStore {
  const stored = settings.get(KEY);
  let persisted: string | null = typeof stored === "string" ? stored : null;
  let pending: string | null = persisted;
  let queue: Promise<unknown> = Promise.resolve();

  const write = (): Promise<boolean> => {
    const text = pending;
    if (text === persisted) return Promise.resolve(false);
    if (text === null) settings.remove(KEY);
    else settings.set(KEY, text);
    return new Promise<boolean>((resolve, reject) => {
      settings.saveAsync((result) => {
        if (result?.status === "failed") {
          reject(new Error(result.error?.message || "Office did not say why"));
        } else {
          persisted = text;
          resolve(true);
        }
      });
    });
  };

  return {
    load() {
      if (pending === null) return null;
      try {
        return JSON.parse(pending) as unknown;
      } catch {
        return null;
      }
    },
    save(draft) {
      pending = JSON.stringify(draft);
    },
    persist() {
      // One save at a time: a second call waits, then writes only if the draft changed again.
      const next = queue.then(write, write);
      queue = next.catch(() => undefined);
      return next;
    },
    clear() {
      pending = null;
    },
  };
}
