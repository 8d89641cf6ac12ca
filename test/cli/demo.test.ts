import * as ExcelJS from "exceljs";
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { proposalSheetName } from "../../src/workbook/names";
import { example, run, tempDir } from "./workbookCli";

/** The bundled programme's rows, and those modelled from an example (each gets its own sheet in the demo). */
const programme = JSON.parse(readFileSync(example("programme.json"), "utf8")) as {
  directorates: { rows: { opportunity: string; example?: string }[] }[];
};
const rows = programme.directorates.flatMap((d) => d.rows);
const modelledRows = rows.filter((r) => r.example !== undefined);
const sheetOf = (file: string): string =>
  proposalSheetName(
    (JSON.parse(readFileSync(example(file), "utf8")) as { opportunity: { name: string } }).opportunity.name,
  );

/** The sheet a link formula points at: 'Sheet name'!J12 or Sheet!J12 (a name without spaces is not quoted). */
const sheetOfFormula = (f: string): string | undefined => {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!J\d+$/.exec(f);
  return m === null ? undefined : (m[1]?.replace(/''/g, "'") ?? m[2]);
};

describe("mtfs-benefits demo", () => {
  it("writes the programme workbook with the Programme, Resource cost, Themes and proposal sheets", async () => {
    const out = join(tempDir(), "sub", "mtfs-programme.xlsx");
    const r = await run(["demo", "--out", out]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    // Every proposal in the seeds is modelled but the two whose text is withheld.
    expect(r.stdout).toMatch(/13 opportunities, 11 modelled/);
    expect(r.stdout).toContain(`${rows.length} opportunities, ${modelledRows.length} modelled`);
    // Each modelled profile is printed as the proposal shows it (the README's first command shows CFS TP's).
    const cfs = r.stdout.slice(r.stdout.indexOf("CFS Targeted Prevention\n"));
    expect(cfs).toMatch(/FY 26\/27\s+-£0\.50m\s+-£0\.50m/);
    expect(cfs).toMatch(/FY 29\/30\s+£1\.68m\s+£1\.10m/);
    expect(r.stdout).toMatch(/^Overlap register: /m);
    // The closing line names every visible sheet it wrote (new-user trial: Scenarios and Parameters were left out).
    expect(r.stdout).toMatch(/Resource cost, Themes, Scenarios, Parameters, 11 proposal sheets\./);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheets = modelledRows.map((row) => sheetOf(row.example!));
    expect(sheets).toHaveLength(11);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Programme",
      "Resource cost",
      "Themes",
      "Scenarios",
      // One sheet per modelled row, in programme order (names cut at Excel's 31 characters).
      "Reablement",
      "Maximising Independence for Wor",
      "Adults Commissioning for the Fu",
      "Family Based Placements",
      "Reunification",
      "CFS – Commissioning for the Fut",
      "CFS Targeted Prevention",
      "Independent Travel Training",
      "Procurement and Third Party Spe",
      "Income Maximisation",
      "Resident Focused Organisation",
      "Parameters",
      "_mtfs",
    ]);
    // Every modelled row links to its sheet's MTFS row (cumulative + inflation contingency) with ordinary
    // formulas, in every FY column; the other rows stay typed numbers.
    const ws = wb.getWorksheet("Programme")!;
    const linked: string[] = [];
    const typed: string[] = [];
    ws.eachRow((row) => {
      const name = row.getCell("B").text;
      const cells = ["E", "F", "G", "H", "I"].map((c) => row.getCell(c).value);
      const formulas = cells.map((v): string =>
        v !== null && typeof v === "object" && "formula" in v ? String(v.formula) : "",
      );
      const sheet = sheetOfFormula(formulas[0]);
      if (sheet !== undefined) {
        expect(formulas.every((f) => sheetOfFormula(f) === sheet)).toBe(true);
        linked.push(sheet);
      } else if (rows.some((x) => x.opportunity === name) && cells.every((v) => typeof v === "number"))
        typed.push(name);
    });
    expect(linked).toEqual(sheets);
    expect(typed).toHaveLength(rows.length - modelledRows.length);
  });

  it("keeps every earlier workbook it replaces: a second run never overwrites the first backup", async () => {
    const out = join(tempDir(), "demo.xlsx");
    expect((await run(["demo", "--out", out])).code).toBe(0);
    const first = readFileSync(out);
    const second = await run(["demo", "--out", out]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("The file it replaced is kept as demo.xlsx.bak.");
    expect(readFileSync(`${out}.bak`).equals(first)).toBe(true);
    const third = await run(["demo", "--out", out]);
    expect(third.stdout).toContain("kept as demo.xlsx.2.bak.");
    expect(readFileSync(`${out}.bak`).equals(first)).toBe(true);
  });

  it("refuses a file that is not an MTFS workbook, leaving it untouched (new-user trial)", async () => {
    const dir = tempDir();
    const mine = join(dir, "mine.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").getCell("A1").value = "my figures";
    await wb.xlsx.writeFile(mine);
    const before = readFileSync(mine);
    const text = join(dir, "notes.xlsx");
    writeFileSync(text, "previous");
    for (const [file, why] of [
      [mine, /mine\.xlsx is not an MTFS workbook .*give --out a new file name/],
      [text, /notes\.xlsx: not an \.xlsx workbook/],
    ] as const) {
      const r = await run(["demo", "--out", file]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(why);
      expect(existsSync(`${file}.bak`)).toBe(false);
    }
    expect(readFileSync(mine).equals(before)).toBe(true);
  });

  it("refuses a folder it cannot create with one line, exit 2 (new-user trial: EACCES was 'unexpected')", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "afile"), "not a folder");
    const r = await run(["demo", "--out", join(dir, "afile", "sub", "x.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/x\.xlsx: cannot create its folder .*sub \((ENOTDIR|EEXIST)\)/);
  });

  // Root may write a read-only file, so the refusal is only seen as another user.
  (process.getuid?.() === 0 ? it.skip : it)(
    "refuses a read-only workbook, leaving it untouched",
    async () => {
      const out = join(tempDir(), "ro.xlsx");
      expect((await run(["demo", "--out", out])).code).toBe(0);
      chmodSync(out, 0o444);
      const before = readFileSync(out);
      const r = await run(["demo", "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/ro\.xlsx: cannot be opened for writing \(EACCES\)/);
      expect(readFileSync(out).equals(before)).toBe(true);
    },
  );

  it("refuses to overwrite a workbook open in LibreOffice, leaving it untouched", async () => {
    const dir = tempDir();
    const out = join(dir, "open.xlsx");
    writeFileSync(out, "in use");
    writeFileSync(join(dir, ".~lock.open.xlsx#"), "owner");
    const r = await run(["demo", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(out, "utf8")).toBe("in use");
    expect(existsSync(`${out}.bak`)).toBe(false);
  });

  it("links a row that names an example but no proposalSheet, and refuses one naming another sheet", async () => {
    const dir = tempDir();
    const config = JSON.parse(readFileSync(example("programme.json"), "utf8")) as {
      directorates: { rows: { example?: string; proposalSheet?: string }[] }[];
    };
    const withExample = config.directorates.flatMap((d) => d.rows).filter((r) => r.example !== undefined);
    for (const r of withExample) {
      copyFileSync(example(r.example!), join(dir, r.example!));
      delete r.proposalSheet;
    }
    writeFileSync(join(dir, "programme.json"), JSON.stringify(config));
    const ok = await run(["demo", "--examples", dir, "--out", join(dir, "a.xlsx")]);
    expect(ok.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "a.xlsx"));
    const first = sheetOf(withExample[0].example!);
    const cells: string[] = [];
    wb.getWorksheet("Programme")!.eachRow((row) => {
      const v = row.getCell("E").value;
      if (v !== null && typeof v === "object" && "formula" in v) cells.push(String(v.formula));
    });
    expect(cells.some((f) => sheetOfFormula(f) === first)).toBe(true);

    withExample[0].proposalSheet = "Somebody Else";
    writeFileSync(join(dir, "programme.json"), JSON.stringify(config));
    const bad = await run(["demo", "--examples", dir, "--out", join(dir, "b.xlsx")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/proposalSheet "Somebody Else" is not the sheet its example .* makes/);
    expect(existsSync(join(dir, "b.xlsx"))).toBe(false);
  });

  it("rejects an unknown option with exit code 2", async () => {
    expect((await run(["demo", "--bogus"])).code).toBe(2);
  });
});
