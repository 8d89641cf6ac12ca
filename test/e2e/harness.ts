/**
 * Shared set-up for the browser tests: a tiny static server over dist/ on 127.0.0.1 (random port) and Debian's
 * chromium driven by playwright-core. Missing chromium or a missing build FAILS with a clear message (CI installs
 * chromium and `npm run check` builds before jest); these tests never skip silently.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import type { AddressInfo } from "net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");
/** The built add-in; MTFS_DIST points elsewhere (e.g. a private build while others rebuild dist/). */
export const DIST = process.env.MTFS_DIST ?? path.join(ROOT, "dist");
export const ARTIFACTS = path.join(ROOT, "test-artifacts");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `dir` read-only on 127.0.0.1 at a random free port. */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(dir, path.normalize(pathname).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Throws (fails the test) with the fix when the build or the browser is missing. */
export function requirePrerequisites(): void {
  if (
    !fs.existsSync(path.join(DIST, "standalone.html")) ||
    !fs.existsSync(path.join(DIST, "standalone.js"))
  ) {
    throw new Error(
      `dist/standalone.html is missing: run \`npm run build\` (or \`npx webpack --mode development\`) first`,
    );
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `chromium not found at ${CHROMIUM}: install Debian's chromium (bash scripts/install-system-deps.sh) or set CHROMIUM_PATH`,
    );
  }
}

/** Launches headless chromium with the flags that keep it offline and quiet. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** How a test opens the standalone page. */
export interface StandaloneOptions {
  /** Viewport, px (default 1100 × 900). */
  readonly width?: number;
  readonly height?: number;
  /** Lets the test save downloads (Download workbook). */
  readonly downloads?: boolean;
  /** Clears localStorage and reloads, so no draft of an earlier run is restored. */
  readonly clearDraft?: boolean;
  /** Waits for the wizard's first step heading (default true). */
  readonly waitForWizard?: boolean;
}

/** The suite's browser and server, once its beforeAll has run. */
export interface E2eSuite {
  readonly browser: () => Browser;
  /** The static server's base URL ("http://127.0.0.1:PORT"). */
  readonly url: () => string;
  /** dist/standalone.html in a new en-GB context; its uncaught errors fail the running test (afterEach). */
  openStandalone(options?: StandaloneOptions): Promise<Page>;
}

/**
 * Registers a browser suite's set-up: before all, the prerequisites (and `before`, e.g. LibreOffice), the
 * artifacts folder, a static server over dist/ and chromium; after all, both closed; after each test, any
 * uncaught error of a page it opened fails it.
 *
 * @example
 * const suite = e2eSuite();
 * it("…", async () => { const page = await suite.openStandalone({ width: 320, clearDraft: true }); … });
 */
export function e2eSuite(options: { readonly before?: () => void } = {}): E2eSuite {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    requirePrerequisites();
    options.before?.();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    server = await serveDirectory(DIST);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error("the e2e suite's beforeAll has not run");
    return x;
  };
  return {
    browser: () => started(browser),
    url: () => started(server).url,
    async openStandalone(o = {}) {
      const context: BrowserContext = await started(browser).newContext({
        viewport: { width: o.width ?? 1100, height: o.height ?? 900 },
        locale: "en-GB",
        ...(o.downloads ? { acceptDownloads: true } : {}),
      });
      const page = await context.newPage();
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await page.goto(`${started(server).url}/standalone.html`);
      if (o.clearDraft) {
        await page.evaluate(() => window.localStorage.clear());
        await page.reload();
      }
      if (o.waitForWizard ?? true) await page.getByRole("heading", { name: /Step 1 of/ }).waitFor();
      return page;
    },
  };
}

/** The DOM id the wizard gives a field (mirrors `fieldId` in src/taskpane/components/FieldInput.tsx). */
export function fieldSelector(jsonPath: string): string {
  return `#f-${jsonPath.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

/** "-£0.50m" → -0.5 */
export function parseMillions(text: string): number {
  const m = /^(-)?£([\d,]+\.\d+)m$/.exec(text.trim());
  if (!m) throw new Error(`not a £m figure: ${JSON.stringify(text)}`);
  return (m[1] ? -1 : 1) * Number(m[2].replace(/,/g, ""));
}

/**
 * The money figures the page keeps whole (`.mtfs-figure`, one per figure in a line of text) and those of them
 * a line break splits all the same (more than one line box): a 320 px pane could break "-£1.50m" after its minus.
 */
export async function figureLines(page: Page): Promise<{ count: number; broken: string[] }> {
  return page.evaluate(() => {
    const figures = [...document.querySelectorAll(".mtfs-figure")];
    const broken = figures.filter((f) => f.getClientRects().length > 1).map((f) => f.textContent ?? "");
    return { count: figures.length, broken };
  });
}
