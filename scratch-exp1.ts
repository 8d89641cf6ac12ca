import * as fs from "fs";
import JSZip from "jszip";
import { demoWorkbook } from "./test/workbook/fixtures";
(async () => {
  const { port } = await demoWorkbook();
  const bytes = await port.toXlsx();
  fs.writeFileSync("/tmp/pp/demo.xlsx", bytes);
  const zip = await JSZip.loadAsync(bytes);
  console.log(Object.keys(zip.files).join("\n"));
  console.log(await zip.file("xl/workbook.xml")!.async("string"));
  console.log(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  console.log(await zip.file("[Content_Types].xml")!.async("string"));
  const s = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
  console.log(s.slice(0, 1500)); console.log(s.slice(-1500));
  console.log(await zip.file("xl/worksheets/_rels/sheet2.xml.rels")?.async("string"));
})();
