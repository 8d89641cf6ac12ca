/** @jest-environment ./test/setup/jsdomEnvironment.js */
import {
  localDraftStore,
  officeDraftStore,
  type OfficeSettingsLike,
  type SaveAsyncResult,
} from "../../src/taskpane/draftStore";

/** Office.Settings as far as the store uses it; `fail` makes saveAsync report a failure with that message. */
function fakeSettings(): OfficeSettingsLike & {
  values: Map<string, unknown>;
  saves: number;
  fail: string | null;
} {
  const s = {
    values: new Map<string, unknown>(),
    saves: 0,
    fail: null as string | null,
    get: (name: string) => s.values.get(name) ?? null,
    set: (name: string, value: unknown) => void s.values.set(name, value),
    remove: (name: string) => void s.values.delete(name),
    saveAsync: (callback?: (result: SaveAsyncResult) => void) => {
      s.saves += 1;
      const fail = s.fail;
      setTimeout(() =>
        callback?.(fail ? { status: "failed", error: { message: fail } } : { status: "succeeded" }),
      );
    },
  };
  return s;
}

describe("localDraftStore", () => {
  it("keeps a draft across store instances (a reopened page)", () => {
    localDraftStore(window.localStorage).save({ values: { "opportunity.name": "Reablement" } });
    expect(localDraftStore(window.localStorage).load()).toEqual({
      values: { "opportunity.name": "Reablement" },
    });
  });

  it("loads nothing from corrupt storage rather than failing", () => {
    window.localStorage.setItem("mtfs-benefits.draft", "{not json");
    expect(localDraftStore(window.localStorage).load()).toBeNull();
  });

  it("works without storage at all (privacy mode)", () => {
    const store = localDraftStore(undefined);
    store.save({ values: {} });
    expect(store.load()).toBeNull();
  });
});

describe("officeDraftStore", () => {
  it("keeps typing in memory and writes the document's settings only on persist, once per change", async () => {
    const settings = fakeSettings();
    const store = officeDraftStore(settings);
    for (let i = 0; i < 5; i++) store.save({ values: { "opportunity.name": `R${i}` } });
    // saveAsync clears Excel's Undo stack: typing must not call it, nor touch the settings.
    expect(settings.saves).toBe(0);
    expect(settings.values.size).toBe(0);
    expect(store.load()).toEqual({ values: { "opportunity.name": "R4" } });
    await expect(store.persist()).resolves.toBe(true);
    expect(settings.saves).toBe(1);
    // Nothing changed since: no second save.
    await expect(store.persist()).resolves.toBe(false);
    store.save({ values: { "opportunity.name": "R4" } });
    await expect(store.persist()).resolves.toBe(false);
    expect(settings.saves).toBe(1);
    expect(officeDraftStore(settings).load()).toEqual({ values: { "opportunity.name": "R4" } });
  });

  it("does not save a draft the document already holds", async () => {
    const settings = fakeSettings();
    settings.values.set("mtfs-benefits.draft", JSON.stringify({ values: { a: "1" } }));
    const store = officeDraftStore(settings);
    store.save(store.load());
    await expect(store.persist()).resolves.toBe(false);
    expect(settings.saves).toBe(0);
  });

  it("rejects with Office's message when the save fails, and tries again on the next persist", async () => {
    const settings = fakeSettings();
    settings.fail = "The document is read-only.";
    const store = officeDraftStore(settings);
    store.save({ values: { a: "1" } });
    await expect(store.persist()).rejects.toThrow("The document is read-only.");
    settings.fail = null;
    await expect(store.persist()).resolves.toBe(true);
    expect(settings.saves).toBe(2);
  });

  it("clears the draft from the document on the next persist", async () => {
    const settings = fakeSettings();
    const store = officeDraftStore(settings);
    store.save({ values: {} });
    await store.persist();
    store.clear();
    await store.persist();
    expect(store.load()).toBeNull();
    expect(settings.values.has("mtfs-benefits.draft")).toBe(false);
  });
});

describe("localDraftStore failures", () => {
  it("reports a refused write on persist instead of swallowing it", async () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    const store = localDraftStore(full);
    store.save({ values: {} });
    await expect(store.persist()).rejects.toThrow(/QuotaExceededError/);
  });
});
