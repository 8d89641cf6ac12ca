import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main, type Io } from "../../src/cli";

/** Shared by the CLI command tests: run the CLI in-process and capture what a user sees. */
export async function run(
  argv: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { out: (t) => void (stdout += `${t}\n`), err: (t) => void (stderr += `${t}\n`) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export const root = join(__dirname, "../..");
export const example = (name: string): string => join(root, "examples", name);
export const tempDir = (): string => mkdtempSync(join(tmpdir(), "mtfs-cli-wb-"));
