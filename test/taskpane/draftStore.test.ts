/** @jest-environment jsdom */
import { localDraftStore, officeDraftStore, type OfficeSettingsLike } from "../../src/taskpane/draftStore";

function fakeSettings(): OfficeSettingsLike & { values: Map<string, unknown>; saves: number } {
  const s = {
    values: new Map<string, unknown>(),
    saves: 0,
    get: (name: string) => s.values.get(name) ?? null,
    set: (name: string, value: unknown) => void s.values.set(name, value),
    remove: (name: string) => void s.values.delete(name),
    saveAsync: () => {
      s.saves += 1;
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
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("stores the draft in the document settings and saves them once per burst of typing", () => {
    const settings = fakeSettings();
    const store = officeDraftStore(settings, 500);
    for (let i = 0; i < 5; i++) store.save({ values: { "opportunity.name": `R${i}` } });
    expect(settings.saves).toBe(0);
    jest.advanceTimersByTime(500);
    expect(settings.saves).toBe(1);
    expect(officeDraftStore(settings).load()).toEqual({ values: { "opportunity.name": "R4" } });
  });

  it("clears the draft from the document", () => {
    const settings = fakeSettings();
    const store = officeDraftStore(settings, 0);
    store.save({ values: {} });
    store.clear();
    jest.runAllTimers();
    expect(store.load()).toBeNull();
  });
});
