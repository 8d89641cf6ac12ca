import type { DraftStore } from "./host";

const KEY = "mtfs-benefits.draft";

/**
 * Draft kept in the browser's localStorage (standalone mode). Storage failures (private mode, quota) lose
 * only the draft, never the user's typing on screen, so they are swallowed.
 *
 * @example
 * localDraftStore(window.localStorage).save({ values: {} })
 */
export function localDraftStore(storage: Storage | undefined): DraftStore {
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
      } catch {
        // Quota or privacy mode: the draft stays on screen, only its persistence is lost.
      }
    },
    clear() {
      try {
        storage?.removeItem(KEY);
      } catch {
        // As above.
      }
    },
  };
}

/** The subset of `Office.Settings` the draft store needs (so tests can pass a fake). */
export interface OfficeSettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: unknown) => void): void;
}

/**
 * Draft kept in the document's settings (`Office.context.document.settings`), so it travels with the
 * workbook. Saves are debounced: settings.saveAsync writes the whole settings part.
 *
 * @example
 * officeDraftStore(Office.context.document.settings).save(draft)
 */
export function officeDraftStore(settings: OfficeSettingsLike, debounceMs = 800): DraftStore {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const persist = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => settings.saveAsync(), debounceMs);
  };
  return {
    load() {
      const text = settings.get(KEY);
      if (typeof text !== "string") return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return null;
      }
    },
    save(draft) {
      settings.set(KEY, JSON.stringify(draft));
      persist();
    },
    clear() {
      settings.remove(KEY);
      persist();
    },
  };
}
