import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Compiles the CLI with the same tsc project as `npm run build:cli` and puts each emitted file into lib/
 * whole (written beside it, then renamed over it). Suites in other Jest workers run bin/ over lib/ at the
 * same time, and tsc's own writes truncate a file before filling it, so a reader could load half a module.
 * Files whose content is unchanged are left alone. tsc may report errors from other layers' half-written
 * files; it still emits, and the bin over lib/cli is what the caller tests.
 *
 * @example
 * buildCliInPlace(root); spawnSync(process.execPath, ["bin/mtfs-benefits.js", "--help"], { cwd: root });
 */
export function buildCliInPlace(root: string): void {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-lib-"));
  try {
    spawnSync(
      process.execPath,
      [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.cli.json", "--outDir", out],
      { cwd: root },
    );
    const lib = path.join(root, "lib");
    for (const entry of fs.readdirSync(out, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const from = path.join(entry.parentPath, entry.name);
      const to = path.join(lib, path.relative(out, from));
      const content = fs.readFileSync(from);
      if (fs.existsSync(to) && fs.readFileSync(to).equals(content)) continue;
      fs.mkdirSync(path.dirname(to), { recursive: true });
      const partial = `${to}.${process.pid}.tmp`;
      fs.writeFileSync(partial, content);
      fs.renameSync(partial, to);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
