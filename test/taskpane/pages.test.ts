import * as fs from "fs";
import * as path from "path";
import { parse } from "acorn";
import { inlineScripts } from "./inlineScripts";

/**
 * The pages' own HTML (src/taskpane/*.html): the inline check on the add-in page must parse as ES5, because it
 * has to run in IE11 and say what is needed where the ES2020 bundles cannot; the help page must be static and
 * self-contained, because it is opened where the pane itself may not work. test/e2e/taskpanePage.test.ts runs
 * both pages in Chromium.
 */
const dir = path.join(__dirname, "..", "..", "src", "taskpane");
const read = (file: string): string => fs.readFileSync(path.join(dir, file), "utf8");

describe("src/taskpane/taskpane.html", () => {
  const html = read("taskpane.html");

  it("has one inline script, and it is ES5 (it must run in IE11)", () => {
    const scripts = inlineScripts(html);
    expect(scripts).toHaveLength(1);
    expect(() => parse(scripts[0], { ecmaVersion: 5 })).not.toThrow();
    // The same check fails on ES2015+ syntax, so the test above means something.
    expect(() => parse("var f = () => 1;", { ecmaVersion: 5 })).toThrow();
  });

  it("holds a notice for each way the pane can fail to start, inside #root so React replaces them", () => {
    const rootStart = html.indexOf('<div id="root">');
    expect(rootStart).toBeGreaterThan(0);
    const script = inlineScripts(html)[0];
    for (const id of ["mtfs-notice-old-webview", "mtfs-notice-no-office-js", "mtfs-notice-no-host"]) {
      expect(html.indexOf(`id="${id}"`)).toBeGreaterThan(rootStart);
      expect(script).toContain(`show("${id}")`);
    }
  });
});

describe("src/taskpane/help.html", () => {
  const html = read("help.html");

  it("has no script, and refers to nothing outside the built add-in", () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\son\w+=/i);
    const refs = [...html.matchAll(/\s(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^[\w-]+\.html$/);
    expect(html).not.toMatch(/url\(/);
  });
});
