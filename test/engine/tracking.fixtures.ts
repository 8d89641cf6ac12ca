import fs from "node:fs";
import path from "node:path";
import { parseProposal, type ProfileInput } from "../../src/engine";

/** A bundled example proposal's assumptions, parsed. */
export function exampleInput(name: string): ProfileInput {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples", name), "utf8"));
  return parseProposal(raw).assumptions.cohort!;
}
