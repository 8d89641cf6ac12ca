import * as fs from "fs";
import * as path from "path";
import { describeManifest, manifestUrls } from "./manifestChecks";

/**
 * The local manifest check over the committed manifest.xml (the dev server's) and over the production manifest
 * the build derives from it for a public URL (webpack.config.js manifestFor; test/functions/deployBuild.test.ts
 * checks the file a real build writes).
 */
const root = path.join(__dirname, "..", "..");
const xml = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
const { manifestFor, publicBase, DEV_ORIGIN } = require(path.join(root, "webpack.config.js"));

describeManifest(
  "manifest.xml",
  () => xml,
  () => DEV_ORIGIN,
);

describeManifest(
  "the production manifest for https://addins.council.example/mtfs-benefits/",
  () => manifestFor(xml, publicBase({ publicUrl: "https://addins.council.example/mtfs-benefits/" })),
  () => "https://addins.council.example/mtfs-benefits",
);

describeManifest(
  "the production manifest for a host of its own",
  () => manifestFor(xml, publicBase({ publicUrl: "https://mtfs.council.example" })),
  () => "https://mtfs.council.example",
);

describe("the production manifest", () => {
  const base = "https://council.sharepoint.example/sites/apps/mtfs";
  const prod: string = manifestFor(xml, base);

  it("has no localhost URL left, and keeps every other byte of the dev manifest", () => {
    expect(prod).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(manifestUrls(prod)).toHaveLength(manifestUrls(xml).length);
    // The same manifest with the base put back: nothing else was rewritten.
    const back = prod
      .split("<AppDomain>https://council.sharepoint.example</AppDomain>")
      .join(`<AppDomain>${DEV_ORIGIN}</AppDomain>`)
      .split(base)
      .join(DEV_ORIGIN);
    expect(back).toBe(xml);
  });

  it("reads the base from --env publicUrl or MTFS_PUBLIC_URL, without a trailing slash", () => {
    expect(publicBase({})).toBeUndefined();
    expect(publicBase({ publicUrl: "https://a.example/x//" })).toBe("https://a.example/x");
    expect(publicBase({ publicUrl: "https://localhost.council.example/" })).toBe(
      "https://localhost.council.example",
    );
    const saved = process.env.MTFS_PUBLIC_URL;
    process.env.MTFS_PUBLIC_URL = "https://b.example/";
    try {
      expect(publicBase({})).toBe("https://b.example");
      expect(publicBase({ publicUrl: "https://c.example" })).toBe("https://c.example");
    } finally {
      if (saved === undefined) delete process.env.MTFS_PUBLIC_URL;
      else process.env.MTFS_PUBLIC_URL = saved;
    }
  });

  it.each([
    ["addins.council.example", /must be an absolute https:\/\/ URL/],
    ["http://addins.council.example", /must use https:\/\//],
    ["https://localhost:3000", /must be the public host, not localhost/],
    ["https://127.0.0.1/mtfs", /must be the public host, not 127\.0\.0\.1/],
    ["https://addins.council.example/?v=2", /without credentials, query or fragment/],
    ["https://user:pw@addins.council.example", /without credentials, query or fragment/],
    ["https://addins.council.example/a&b", /the path may hold only letters, digits/],
  ])("refuses publicUrl=%s with a message naming the option and the rule", (url, message) => {
    expect(() => publicBase({ publicUrl: url })).toThrow(message);
    expect(() => publicBase({ publicUrl: url })).toThrow(/^mtfs-benefits build: publicUrl: /);
  });
});
