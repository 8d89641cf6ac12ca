import * as fs from "fs";
import { planProposal } from "/work/wt/sheet/src/workbook/proposals";
const p = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const plan = planProposal(p, []);
const cells = plan.layout.cells.filter((c) => {
  const row = Number(/\d+$/.exec(c.address)![0]);
  return row >= Number(process.argv[3] ?? 0);
});
const rows = new Map<number, string[]>();
for (const c of cells) {
  const row = Number(/\d+$/.exec(c.address)![0]);
  const v = c.kind === "label" ? c.text : c.kind === "input" ? `[${c.value}]${c.name ? "" : ""}${c.choices ? "{" + c.choices.join("|") + "}" : ""}` : `<${c.value}>`;
  rows.set(row, [...(rows.get(row) ?? []), `${c.address}=${String(v).slice(0, 50)}`]);
}
for (const [r, xs] of [...rows].sort((a, b) => a[0] - b[0])) console.log(xs.join(" | "));
