/** @jest-environment ./test/setup/jsdomEnvironment.js */
import fc from "fast-check";

/**
 * The taskpane suites' jsdom (test/setup/jsdomEnvironment.js) computes the same styles and label controls as
 * jsdom does: its class filter may only skip rules that cannot match. Checked against a cascade worked out here
 * with element.matches over every rule, on random trees and selectors of the forms the filter reads.
 */

const CLASSES = ["a", "b", "B", "fx1", "fx2"];
const SELECTORS = [
  ".a",
  ".a.b",
  ".B",
  "div.a",
  ".a > .b",
  ".a .fx1",
  "span, .fx2",
  ".fx1:not(.a)",
  ".fx2:hover",
  "[data-k='x .a'] .b",
  ".a + .b",
  ".a ~ span",
  "div",
  "*",
  ".fx1 > *",
  ":is(.a, .b)",
  ".b , .fx1",
];
const VALUES = ["hidden", "visible", "collapse"];

interface Node {
  readonly tag: "div" | "span";
  readonly classes: string[];
  readonly key: boolean;
  readonly children: Node[];
}

const node: fc.Memo<Node> = fc.memo((n) =>
  fc.record({
    tag: fc.constantFrom<"div" | "span">("div", "span"),
    classes: fc.subarray(CLASSES),
    key: fc.boolean(),
    children: n > 1 ? fc.array(node(n - 1), { maxLength: 3 }) : fc.constant([]),
  }),
);

function build(n: Node, parent: Element): void {
  const el = document.createElement(n.tag);
  if (n.classes.length) el.className = n.classes.join(" ");
  if (n.key) el.setAttribute("data-k", "x .a");
  parent.appendChild(el);
  n.children.forEach((c) => build(c, el));
}

/** jsdom's cascade for `visibility`, every rule matched in full: the last matching rule, else the parent's. */
function expectedVisibility(el: Element, rules: readonly { selector: string; value: string }[]): string {
  let value = "";
  for (const r of rules) if (el.matches(r.selector)) value = r.value;
  if (value !== "") return value;
  return el.parentElement ? expectedVisibility(el.parentElement, rules) : "visible";
}

it("resolves visibility as jsdom's full cascade does, whatever the classes and selectors", () => {
  fc.assert(
    fc.property(
      node(4),
      fc.array(fc.record({ selector: fc.constantFrom(...SELECTORS), value: fc.constantFrom(...VALUES) }), {
        minLength: 1,
        maxLength: 8,
      }),
      (tree, rules) => {
        document.head.innerHTML = "";
        document.body.innerHTML = "";
        const style = document.createElement("style");
        style.textContent = rules.map((r) => `${r.selector} { visibility: ${r.value}; }`).join("\n");
        document.head.appendChild(style);
        build(tree, document.body);
        for (const el of Array.from(document.body.querySelectorAll("*")))
          expect(getComputedStyle(el).visibility).toBe(expectedVisibility(el, rules));
      },
    ),
    // 60 random trees of up to 40 elements, each against up to 8 rules: a second or two.
    { numRuns: 60 },
  );
});

it("finds a label's control by its for id as jsdom's walk does, duplicates and detached elements included", () => {
  document.body.innerHTML = `
    <label id="l1" for="x">one</label><input id="x" />
    <label id="l2" for="dup">two</label><input id="dup" /><select id="dup"></select>
    <label id="l3" for="div">three</label><div id="div"></div>
    <label id="l4" for="none">four</label>
    <label id="l5">five <textarea id="inner"></textarea></label>`;
  const detached = document.createElement("input");
  detached.id = "x";
  const control = (id: string) => (document.getElementById(id) as HTMLLabelElement).control;
  expect(control("l1")).toBe(document.querySelector("input#x"));
  expect(control("l2")).toBe(document.querySelector("input#dup"));
  expect(control("l3")).toBeNull();
  expect(control("l4")).toBeNull();
  expect(control("l5")).toBe(document.getElementById("inner"));
  expect(Array.from((document.querySelector("input#x") as HTMLInputElement).labels ?? [])).toEqual([
    document.getElementById("l1"),
  ]);
  // A detached element with the same id is not in the document: the control stays the attached one.
  expect(control("l1")).toBe(document.querySelector("input#x"));
  expect(control("l1")).not.toBe(detached);
  // A detached label (not in the document) has no control by id, as in jsdom's walk.
  const loose = document.createElement("label");
  loose.htmlFor = "x";
  expect(loose.control).toBeNull();
});
