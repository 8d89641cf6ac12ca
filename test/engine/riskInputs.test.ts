import { Decimal } from "../../src/engine/money";
import { decimalAt, decimalsWriter, withDecimals } from "../../src/engine/riskInputs";

const D = (x: number) => new Decimal(x);

describe("decimalsWriter (a simulation writes each draw into a copy of the assumptions)", () => {
  const shared = { leadWeeks: D(4), designWeeks: D(8) };
  const tree = {
    timeline: shared,
    streams: [{ timeline: shared, rate: D(0.1) }, { rate: D(0.2) }],
    target: { value: D(0.08) },
  };
  const paths = ["streams[0].rate", "timeline.leadWeeks", "streams[0].timeline.leadWeeks"];

  it("writes every path, shares what is off them and leaves the tree as it was", () => {
    const out = decimalsWriter(tree, paths)([D(0.3), D(5), D(6)]);
    expect(decimalAt(out, "streams[0].rate")?.toNumber()).toBe(0.3);
    // A node the tree holds in two places is written in each place.
    expect(decimalAt(out, "timeline.leadWeeks")?.toNumber()).toBe(5);
    expect(decimalAt(out, "streams[0].timeline.leadWeeks")?.toNumber()).toBe(6);
    expect(out.streams[1]).toBe(tree.streams[1]);
    expect(out.target).toBe(tree.target);
    expect(decimalAt(tree, "timeline.leadWeeks")?.toNumber()).toBe(4);
    expect(decimalAt(tree, "streams[0].rate")?.toNumber()).toBe(0.1);
  });

  it("gives new nodes on every write (caches keyed on a node never see a stale draw)", () => {
    const write = decimalsWriter(tree, paths);
    const a = write([D(0.3), D(5), D(6)]);
    const b = write([D(0.4), D(7), D(8)]);
    expect(a.timeline).not.toBe(b.timeline);
    expect(a.streams[0]).not.toBe(b.streams[0]);
    expect(decimalAt(a, "timeline.leadWeeks")?.toNumber()).toBe(5);
    expect(decimalAt(b, "timeline.leadWeeks")?.toNumber()).toBe(7);
  });

  it("agrees with withDecimals, a later path winning", () => {
    const p = ["target.value", "target.value"];
    expect(decimalAt(withDecimals(tree, p, [D(1), D(2)]), "target.value")?.toNumber()).toBe(2);
    expect(decimalAt(decimalsWriter(tree, p)([D(1), D(2)]), "target.value")?.toNumber()).toBe(2);
  });

  it("copies records of many shapes (more than it has copy sites) whole, each keeping its own keys", () => {
    // 40 record shapes share the writers' copy sites: a copy must still hold exactly its own node's keys.
    const items = Array.from({ length: 40 }, (_, k) => {
      const item: Record<string, Decimal | string> = { label: `item ${k}`, value: D(k) };
      for (let j = 0; j < k % 7; j++) item[`extra${k}_${j}`] = D(j);
      return item;
    });
    const shapes = { items };
    const p = items.map((_, k) => `items[${k}].value`);
    const out = decimalsWriter(shapes, p)(items.map((_, k) => D(100 + k)));
    out.items.forEach((copy, k) => {
      expect(copy).not.toBe(items[k]);
      expect(Object.keys(copy)).toEqual(Object.keys(items[k]));
      expect(copy.label).toBe(`item ${k}`);
      expect(decimalAt(copy, "value")?.toNumber()).toBe(100 + k);
      expect(decimalAt(items[k], "value")?.toNumber()).toBe(k);
    });
  });

  it("refuses a path that names no number", () => {
    expect(() => decimalsWriter(tree, ["target.value.x"])).toThrow(/names no number in the assumptions/);
    expect(() => decimalsWriter(tree, ["streams.rate"])).toThrow(/names no number in the assumptions/);
  });
});
