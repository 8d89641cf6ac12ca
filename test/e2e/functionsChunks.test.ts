/**
 * dist/taskpane.html in Debian's chromium with stand-ins for Office.js and the CustomFunctions runtime, as
 * Excel's shared runtime loads it: functions.js registers every function at once, and a family kept out of it
 * (src/functions/lazy.ts) is fetched on its first call from beside functions.js on the add-in's own host, then
 * answers as in Node. Requires `npm run build` first, like the other browser suites.
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser } from "playwright-core";
import { DIST, launchBrowser, requirePrerequisites, serveDirectory, type StaticServer } from "./harness";

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  requirePrerequisites();
  if (!fs.existsSync(path.join(DIST, "taskpane.html")))
    throw new Error("dist/taskpane.html is missing: run `npm run build` first");
  server = await serveDirectory(DIST);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it("fetches a lazily loaded family from the add-in's host on its first call, and answers with it", async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`${e.message} ${e.stack}`));
  page.on("request", (r) => requests.push(r.url()));
  const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  const officeSrc = /<script[^>]*\ssrc="?([^"\s>]+office\.js)/.exec(html)?.[1] ?? "";
  const office = new URL(officeSrc, `${server.url}/taskpane.html`).href;
  await page.route(
    (url) => !url.href.startsWith(server.url) && url.href !== office,
    (route) => route.abort(),
  );
  await page.route(office, (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: "window.Office = { onReady: function (cb) { var i = { host: 'Excel', platform: 'PC' }; if (cb) cb(i); return Promise.resolve(i); } };",
    }),
  );
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const fns: Record<string, (...a: unknown[]) => unknown> = {};
    w.__mtfs = fns;
    w.CustomFunctions = {
      Error: class {
        constructor(
          readonly code: string,
          readonly message?: string,
        ) {}
      },
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" },
      associate: (id: string, fn: (...a: unknown[]) => unknown) => (fns[id] = fn),
    };
  });
  await page.goto(`${server.url}/taskpane.html`, { waitUntil: "load" });
  const before = requests.filter((u) => /functions-/.test(u));
  const answer = await page.evaluate(async () => {
    const fns = (window as unknown as { __mtfs: Record<string, (...a: unknown[]) => unknown> }).__mtfs;
    const first = fns.PAYBACK([[10.4, 13.6, 3.6, 0.5]], [[0.4, 4.2, 16.8, 27.2]]);
    const wasPromise = typeof (first as { then?: unknown }).then === "function";
    const value = await first;
    const again = fns.PAYBACK([[10.4, 13.6, 3.6, 0.5]], [[0.4, 4.2, 16.8, 27.2]]);
    return { ids: Object.keys(fns).length, wasPromise, value, again };
  });
  expect(before).toEqual([]);
  expect(answer.ids).toBeGreaterThanOrEqual(20);
  expect(answer.wasPromise).toBe(true);
  expect(answer.value).toBeCloseTo(3.2322, 4);
  expect(answer.again).toBeCloseTo(3.2322, 4);
  // Its own chunk, and the engine the families share when it needs it.
  const chunk = fs.readdirSync(DIST).filter((f) => /^functions-payback\.[0-9a-f]{8}\.js$/.test(f));
  const shared = fs.readdirSync(DIST).filter((f) => /^functions-shared\.[0-9a-f]{8}\.js$/.test(f));
  expect(chunk).toHaveLength(1);
  expect(shared).toHaveLength(1);
  const fetched = requests.filter((u) => /functions-/.test(u));
  expect(fetched).toContain(`${server.url}/${chunk[0]}`);
  expect(
    fetched.filter((u) => u !== `${server.url}/${chunk[0]}` && u !== `${server.url}/${shared[0]}`),
  ).toEqual([]);
  expect(requests.filter((u) => !u.startsWith(server.url))).toEqual(
    office.startsWith(server.url) ? [] : [office],
  );
  // The pane itself needs more of Office.js than this stand-in has; the formulas' scripts must raise nothing.
  expect(errors.filter((e) => /\/functions[\w-]*\.js/.test(e))).toEqual([]);
  await page.close();
});
