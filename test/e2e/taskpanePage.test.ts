/**
 * dist/taskpane.html and dist/help.html in Debian's chromium, outside Excel: the page must say what is wrong when
 * the bundles cannot run (an old web view), when Office.js does not load (a blocked CDN) and when there is no
 * Office host (the page opened in a browser), and stay quiet inside a host. Office.js is replaced by a stub or
 * blocked; nothing reaches the network. Requires `npm run build` first, like the wizard suite.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "acorn";
import type { Browser, Page } from "playwright-core";
import { inlineScripts } from "../taskpane/inlineScripts";
import { DIST, launchBrowser, requirePrerequisites, serveDirectory, type StaticServer } from "./harness";

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  requirePrerequisites();
  for (const page of ["taskpane.html", "help.html"]) {
    if (!fs.existsSync(path.join(DIST, page)))
      throw new Error(`dist/${page} is missing: run \`npm run build\` first`);
  }
  server = await serveDirectory(DIST);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The Office.js URL the built page loads (the CDN, or office-js/office.js in a bundled build). */
function officeJsUrl(): string {
  const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  const src = /<script[^>]*\ssrc="?([^"\s>]+)/.exec(html)?.[1] ?? "";
  expect(src).toMatch(/office\.js$/);
  return new URL(src, `${server.url}/taskpane.html`).href;
}

/** A stand-in for Office.js whose onReady reports `host` (null: outside Office), asynchronously as Office does. */
function officeStub(host: string | null): string {
  return `window.Office = { onReady: function (cb) {
    var info = { host: ${JSON.stringify(host)}, platform: ${JSON.stringify(host && "PC")} };
    return Promise.resolve(info).then(function (i) { if (cb) cb(i); return i; });
  } };`;
}

interface Load {
  officeJs: "blocked" | { host: string | null };
  /** The bundles fail to parse, as ES2020 does in IE11. */
  bundlesUnparsable?: boolean;
  /** Script run before the page's own, e.g. to take away ES2020 built-ins. */
  init?: () => void;
}

async function openTaskpane(load: Load): Promise<{ page: Page; errors: string[]; external: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => {
    if (!r.url().startsWith(server.url)) external.push(r.url());
  });
  // Anything not served by the local server is refused, except the Office.js stand-in.
  await page.route(
    (url) => !url.href.startsWith(server.url),
    (route) => route.abort(),
  );
  const office = officeJsUrl();
  await page.route(office, (route) =>
    load.officeJs === "blocked"
      ? route.abort()
      : route.fulfill({ contentType: "text/javascript", body: officeStub(load.officeJs.host) }),
  );
  if (load.bundlesUnparsable) {
    await page.route(/\/(functions|taskpane)\.js$/, (route) =>
      route.fulfill({ contentType: "text/javascript", body: "const a = { b: 1 }?.b ?? (" }),
    );
  }
  if (load.init) await page.addInitScript(load.init);
  await page.goto(`${server.url}/taskpane.html`, { waitUntil: "load" });
  // Let Office.onReady's callbacks and React's first render (or its failure) run.
  await page.waitForTimeout(500);
  return { page, errors, external };
}

describe("dist/taskpane.html outside Excel", () => {
  it("keeps the built page's inline check ES5 (the minifier must not modernise it)", () => {
    const scripts = inlineScripts(fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8"));
    expect(scripts).toHaveLength(1);
    expect(() => parse(scripts[0], { ecmaVersion: 5 })).not.toThrow();
  });

  it("says what is needed when the web view lacks ES2020 (IE11, old Edge), and shows nothing else", async () => {
    const { page } = await openTaskpane({
      officeJs: { host: "Excel" },
      bundlesUnparsable: true,
      init: () => {
        delete (Promise as { allSettled?: unknown }).allSettled;
        delete (Object as { fromEntries?: unknown }).fromEntries;
      },
    });
    await expect(page.locator("#mtfs-notice-old-webview").isVisible()).resolves.toBe(true);
    const text = await page.locator("#root").innerText();
    expect(text).toMatch(/needs a newer web view[\s\S]*WebView2 Runtime/);
    expect(text).not.toMatch(/Office\.js could not be loaded|runs inside Excel/);
    await expect(page.locator('#root a[href="help.html"]').isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("says Office.js could not be loaded when the CDN is blocked", async () => {
    const { page } = await openTaskpane({ officeJs: "blocked" });
    await expect(page.locator("#mtfs-notice-no-office-js").isVisible()).resolves.toBe(true);
    const text = await page.locator("#root").innerText();
    expect(text).toMatch(/Office\.js could not be loaded[\s\S]*appsforoffice\.microsoft\.com/);
    expect(text).not.toMatch(/newer web view/);
    await page.close();
  });

  it("says the pane runs inside Excel, and links the standalone wizard, when Office reports no host", async () => {
    const { page } = await openTaskpane({ officeJs: { host: null } });
    // Content, not ids: the taskpane code may render this message itself (React then replaces the page's).
    await expect(
      page
        .getByText(/inside Excel/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    const standalone = page.locator('a[href$="standalone.html"]').first();
    await expect(standalone.isVisible()).resolves.toBe(true);
    expect(await page.locator("body").innerText()).not.toMatch(
      /newer web view|Office\.js could not be loaded/,
    );
    await page.close();
  });

  it("shows none of these notices inside an Office host, and fetches nothing from the network but Office.js", async () => {
    const { page, external } = await openTaskpane({ officeJs: { host: "Excel" } });
    await expect(page.locator("#mtfs-page-notice").isVisible()).resolves.toBe(false);
    // The pages and both bundles load from the add-in's own host; Office.js from the CDN unless bundled.
    const office = officeJsUrl();
    expect(external).toEqual(office.startsWith(server.url) ? [] : [office]);
    await page.close();
  });
});

describe("dist/help.html", () => {
  it("is static: no script, nothing fetched but the page itself, and its links lead to built pages", async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${server.url}/help.html`, { waitUntil: "load" });
    expect(requests).toEqual([`${server.url}/help.html`]);
    expect(await page.locator("script").count()).toBe(0);
    await expect(page.locator("h1").innerText()).resolves.toBe("MTFS Benefits");
    const links = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links)
      expect([href, fs.existsSync(path.join(DIST, String(href)))]).toEqual([href, true]);
    await page.close();
  });
});
