import { planProposal } from "../../../src/workbook/proposals";
import { readProposal, refreshWorkbook, updateProposal } from "../../../src/workbook/operations";
import { demoWorkbook, readExample, roundTrip } from "../fixtures";

/** The triangulation part of the proposal sheet: the table's rounding rule and rows that state their starts. */

const CFS = "CFS Targeted Prevention";

function withTriangulation(extra: Record<string, unknown>, rows?: unknown[]) {
  const cfs = readExample("cfs-targeted-prevention.json");
  return {
    ...cfs,
    triangulation: { ...cfs.triangulation, ...extra, ...(rows ? { rows } : {}) },
  };
}

function formulasOf(raw: unknown): string[] {
  return planProposal(raw, []).layout.cells.flatMap((c) =>
    c.kind === "formula" && c.key.startsWith("triangulation[") ? [c.formula] : [],
  );
}

describe("proposal sheet: triangulation rounding", () => {
  it("writes ROUND by default, ROUNDDOWN for floor and ROUNDUP for ceil", () => {
    const round = formulasOf(readExample("cfs-targeted-prevention.json"));
    expect(round.length).toBeGreaterThan(0);
    expect(round.every((f) => f.startsWith("ROUND("))).toBe(true);
    const floor = formulasOf(withTriangulation({ rounding: "floor" }));
    expect(floor.every((f) => f.startsWith("ROUNDDOWN("))).toBe(true);
    const ceil = formulasOf(withTriangulation({ rounding: "ceil" }));
    expect(ceil.every((f) => f.startsWith("ROUNDUP("))).toBe(true);
    expect(floor.length).toBe(round.length);
    // The rule is an input cell with a dropdown of the three rules.
    const rule = planProposal(withTriangulation({ rounding: "floor" }), []).layout.cells.find(
      (c) => c.kind === "input" && c.path === "triangulation.rounding",
    );
    expect(rule?.kind === "input" && [rule.value, rule.choices]).toEqual([
      "floor",
      ["round", "floor", "ceil"],
    ]);
  });

  it("a row that states its starts is an input cell, and the table without a caseload writes no caseload formula", async () => {
    const raw = withTriangulation({ rounding: "floor", mtfsCaseload: undefined }, [
      { method: "TU review", percentChange: "23%" },
      { method: "Revocations next year", avoidedStarts: 10 },
    ]);
    const tri = (raw as { triangulation: Record<string, unknown> }).triangulation;
    delete tri.mtfsCaseload;
    const layout = planProposal(raw, []).layout;
    const stated = layout.cells.find(
      (c) => c.kind === "input" && c.path === "triangulation.rows[1].avoidedStarts",
    );
    expect(stated?.kind === "input" && stated.value).toBe(10);
    expect(formulasOf(raw)).toEqual([expect.stringMatching(/^ROUNDDOWN\(.*\*B\d+,0\)$/)]);
    const headed = planProposal(withTriangulation({ startsLabel: "Number of CYP" }), []).layout;
    expect(headed.cells.some((c) => c.kind === "label" && c.text === "Number of CYP")).toBe(true);

    const { wb } = await demoWorkbook();
    const { wb: opened, port } = await roundTrip(wb);
    await updateProposal(port, CFS, raw);
    const { port: back } = await roundTrip(opened);
    expect((await refreshWorkbook(back)).errors).toEqual([]);
    const read = (await readProposal(back, CFS)) as { triangulation: Record<string, unknown> };
    expect(read.triangulation.rounding).toBe("floor");
    expect(read.triangulation.rows).toEqual([
      // The stored "23%" is kept: the cell holds 0.23, which reads as the same input.
      { method: "TU review", percentChange: "23%" },
      { method: "Revocations next year", avoidedStarts: 10 },
    ]);
  });
});
