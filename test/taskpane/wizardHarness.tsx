// Shared by the wizard's jsdom tests: a host over an in-memory draft store, the wizard rendered with the real
// engine, and the inputs by field path.
import * as React from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { Wizard } from "../../src/taskpane/components/Wizard";
import { ENGINE } from "../../src/taskpane/engineBridge";
import { EXAMPLES } from "../../src/taskpane/examples";
import type { DraftStore, WorkbookHost } from "../../src/taskpane/host";

// jsdom has no ResizeObserver; Fluent's MessageBar only uses it to reflow long text.
(globalThis as any).ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

export function memoryStore(initial: unknown = null): DraftStore & { saved: unknown } {
  const store = {
    saved: initial,
    load: () => store.saved,
    save: (d: unknown) => {
      store.saved = JSON.parse(JSON.stringify(d));
    },
    persist: async () => false,
    clear: () => {
      store.saved = null;
    },
  };
  return store;
}

export type FakeHost = WorkbookHost & { writeProposal: jest.Mock; updateProposal: jest.Mock };

export function fakeHost(overrides: Partial<WorkbookHost> = {}): FakeHost {
  return {
    kind: "standalone",
    drafts: memoryStore(),
    workbook: () => ({ id: "file:programme.xlsx", name: "programme.xlsx" }),
    isProposalSheet: async () => true,
    readActiveProposal: async () => null,
    writeProposal: jest.fn(async () => ({ sheetName: "CFS Targeted Prevention", programmeRowAdded: true })),
    updateProposal: jest.fn(async (sheet: string) => ({ sheetName: sheet, programmeRowAdded: false })),
    refresh: async () => ({ proposals: 0, lines: [] }),
    ...overrides,
  } as FakeHost;
}

export function renderWizard(host: WorkbookHost): ReturnType<typeof render> {
  return render(
    <FluentProvider theme={webLightTheme}>
      <Wizard host={host} engine={ENGINE} examples={EXAMPLES} />
    </FluentProvider>,
  );
}

export const CFS = EXAMPLES.find((e) => e.name === "CFS Targeted Prevention");

export async function startFromCfs(): Promise<void> {
  fireEvent.change(screen.getByLabelText("Start from"), { target: { value: "CFS Targeted Prevention" } });
  fireEvent.click(screen.getByRole("button", { name: "Load" }));
  await screen.findByText("Started from CFS Targeted Prevention.");
}

/** The input of a field by its form path (the DOM id `fieldId` gives it). */
export function input(path: string): HTMLInputElement {
  return document.getElementById(`f-${path.replace(/[^A-Za-z0-9]+/g, "-")}`) as HTMLInputElement;
}
