import * as fs from "fs";
import * as path from "path";

/**
 * The local manifest check (the network validator, `npm run validate`, is not available in CI), as one suite
 * that runs over any manifest: the committed dev-server manifest.xml and the dist/manifest.xml a public-URL
 * build writes. Well-formed XML, the elements Office needs for a taskpane + custom functions add-in in a shared
 * runtime, every URL HTTPS and under the manifest's base, icons that exist in assets/, Support and "Learn more"
 * on the static help page, and the least permission that lets the wizard write sheets.
 */
const root = path.join(__dirname, "..", "..");
// xml2js ships with office-addin-manifest (the validator's own parser).
const { parseStringPromise } = require("xml2js");

const text = (node: any): string => (typeof node === "string" ? node : node._);
const attr = (node: any, name: string): string => node.$[name];

/** Every URL the manifest states: DefaultValue attributes and AppDomain elements. */
export function manifestUrls(xml: string): string[] {
  return [...xml.matchAll(/(?:DefaultValue="|<AppDomain>)(\w+:\/\/[^"<]+)/g)].map((m) => m[1]);
}

/**
 * Registers the manifest suite. `load` gives the manifest text (called in beforeAll, so it may come from a
 * build); `base` is the URL every add-in URL must sit under, e.g. "https://localhost:3000".
 */
export function describeManifest(name: string, load: () => string, base: () => string): void {
  describe(name, () => {
    let xml: string;
    let app: any;
    beforeAll(async () => {
      xml = load();
      app = (await parseStringPromise(xml, { explicitArray: true })).OfficeApp;
    });
    /** The resource URLs by id (bt:Images, bt:Urls, short and long strings). */
    const resources = (): Map<string, string> => {
      const res = app.VersionOverrides[0].Resources[0];
      const ids = new Map<string, string>();
      for (const group of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
        for (const item of Object.values(res[group][0]).flat() as any[]) {
          ids.set(attr(item, "id"), attr(item, "DefaultValue"));
        }
      }
      return ids;
    };

    it("is a taskpane add-in for workbooks with a real id, the product name and least permissions", () => {
      expect(attr(app, "xsi:type")).toBe("TaskPaneApp");
      expect(text(app.Id[0])).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(attr(app.DisplayName[0], "DefaultValue")).toBe("MTFS Benefits");
      expect(app.Hosts[0].Host.map((h: any) => attr(h, "Name"))).toEqual(["Workbook"]);
      expect(text(app.Permissions[0])).toBe("ReadWriteDocument");
      expect(xml).not.toMatch(/contoso/i);
    });

    it("requires the shared runtime and runs functions and taskpane in it", () => {
      const sets = app.Requirements[0].Sets[0].Set.map((s: any) => [attr(s, "Name"), attr(s, "MinVersion")]);
      expect(sets).toContainEqual(["SharedRuntime", "1.1"]);
      const host = app.VersionOverrides[0].Hosts[0].Host[0];
      const runtime = host.Runtimes[0].Runtime[0];
      expect(attr(runtime, "lifetime")).toBe("long");
      const cf = host.AllFormFactors[0].ExtensionPoint.find(
        (e: any) => attr(e, "xsi:type") === "CustomFunctions",
      );
      expect(attr(cf.Page[0].SourceLocation[0], "resid")).toBe(attr(runtime, "resid"));
      const action = JSON.stringify(host.DesktopFormFactor[0].ExtensionPoint);
      expect(action).toContain(`"resid":"${attr(runtime, "resid")}"`);
    });

    it("declares the MTFS namespace and resolves every resid to a resource", () => {
      const ids = resources();
      const host = app.VersionOverrides[0].Hosts[0].Host[0];
      const cf = host.AllFormFactors[0].ExtensionPoint[0];
      expect(ids.get(attr(cf.Namespace[0], "resid"))).toBe("MTFS");
      const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
      expect(used.length).toBeGreaterThan(5);
      for (const id of used) expect(ids.has(id)).toBe(true);
    });

    it("uses HTTPS for every URL, each under the base, and points icons at files in assets/", () => {
      const urls = manifestUrls(xml);
      expect(urls.length).toBeGreaterThan(8);
      const origin = new URL(base()).origin;
      for (const url of urls) {
        expect(url).toMatch(/^https:\/\//);
        // AppDomain is an origin; every other URL is a file under the base.
        expect(url === origin || url.startsWith(`${base()}/`)).toBe(true);
      }
      const icons = urls.filter((u) => u.endsWith(".png"));
      expect(icons.length).toBeGreaterThanOrEqual(4);
      for (const url of icons) {
        const file = path.join(root, url.slice(base().length));
        expect(fs.existsSync(file)).toBe(true);
        // A PNG of the size its name states (icon-32.png is 32×32).
        const png = fs.readFileSync(file);
        expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
        const size = Number(/icon-(\d+)\.png$/.exec(url)?.[1]);
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      }
    });

    it("opens the static help page, not the taskpane, for Support and Learn more", () => {
      expect(attr(app.SupportUrl[0], "DefaultValue")).toBe(`${base()}/help.html`);
      expect(resources().get("GetStarted.LearnMoreUrl")).toBe(`${base()}/help.html`);
    });

    it("orders the top-level elements as the TaskPaneApp schema's sequence requires", async () => {
      // From the OfficeApp XSD (appforoffice 1.1): elements present must appear in this order.
      const sequence = [
        "Id",
        "AlternateId",
        "Version",
        "ProviderName",
        "DefaultLocale",
        "DisplayName",
        "Description",
        "IconUrl",
        "HighResolutionIconUrl",
        "SupportUrl",
        "AppDomains",
        "Hosts",
        "Requirements",
        "DefaultSettings",
        "Permissions",
        "VersionOverrides",
      ];
      const ordered = await parseStringPromise(xml, { explicitChildren: true, preserveChildrenOrder: true });
      const names: string[] = ordered.OfficeApp.$$.map((c: any) => c["#name"]);
      expect(names.every((n) => sequence.includes(n))).toBe(true);
      const positions = names.map((n) => sequence.indexOf(n));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      for (const required of [
        "Id",
        "Version",
        "ProviderName",
        "DefaultLocale",
        "DisplayName",
        "Description",
      ]) {
        expect(names).toContain(required);
      }
    });
  });
}
