import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { ExcelJsPort } from "../../src/workbook/exceljs/excelJsPort";
import { refreshWorkbook } from "../../src/workbook/operations";
import { readRegister } from "../../src/workbook/register";
import { demoWorkbook, tempDir } from "./fixtures";
import { hasUno, startUno, type UnoOffice } from "./uno/uno";

/**
 * A proposal sheet renamed in LibreOffice (the new-user trial renamed "Reunification" there): the file as
 * Calc saves it, names and formulas moved by Calc itself, refreshes with nothing kept as a hand edit.
 */

const CFS = "CFS Targeted Prevention";
const RENAMED = "CFS Prevention renamed";

let office: UnoOffice;

beforeAll(() => {
  if (!hasUno())
    throw new Error(
      "LibreOffice with python3-uno is not installed: run `bash scripts/install-system-deps.sh`",
    );
  office = startUno();
});

afterAll(() => office?.stop());

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  return wb;
}

it("follows a sheet renamed in LibreOffice: nothing kept, links at the new name, a second refresh changes nothing", async () => {
  const { port: built } = await demoWorkbook();
  const dir = tempDir("mtfs-rename-");
  const file = path.join(dir, "demo.xlsx");
  fs.writeFileSync(file, Buffer.from(await built.workbook.xlsx.writeBuffer()));
  const edited = path.join(dir, "renamed.xlsx");
  await office.edit(file, edited, [{ sheet: CFS, op: "renameSheet", name: RENAMED }]);

  const wb = await load(edited);
  const port = new ExcelJsPort(wb);
  const report = await refreshWorkbook(port);
  expect(report.errors).toEqual([]);
  expect(report.changes.filter((c) => c.kept)).toEqual([]);
  expect(report.warnings.map((w) => w.message)).toContain(
    `${CFS}'s sheet is now '${RENAMED}'; links follow it`,
  );
  const reg = await readRegister(port);
  expect(reg.proposals.map((p) => p.sheet)).toContain(RENAMED);
  const formulas = [...reg.owned.values()].flatMap((o) =>
    o.written.kind === "formula" ? [o.written.formula] : [],
  );
  expect(formulas.some((f) => f.includes(`'${RENAMED}'!`))).toBe(true);
  expect(formulas.some((f) => f.includes(`'${CFS}'!`))).toBe(false);

  const again = new ExcelJsPort(await load(await save(wb, path.join(dir, "refreshed.xlsx"))));
  const second = await refreshWorkbook(again);
  expect(second.errors).toEqual([]);
  expect(second.warnings).toEqual([]);
  expect(second.changes).toEqual([]);
}, 240_000);

async function save(wb: ExcelJS.Workbook, file: string): Promise<string> {
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}
