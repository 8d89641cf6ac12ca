import * as fs from "fs";
import * as path from "path";
import { parseProposal, proposalRiskModel, simulate, simulateSteps } from "../../src/engine";

const cfs = parseProposal(
  JSON.parse(fs.readFileSync(path.join(__dirname, "../../examples/cfs-targeted-prevention.json"), "utf8")),
);

describe("simulateSteps", () => {
  const model = proposalRiskModel(cfs);

  it("yields the iterations done after each 1% and returns the run simulate gives for the seed", () => {
    const steps = simulateSteps([model], { iterations: 250, seed: 42 });
    const done: number[] = [];
    let r = steps.next();
    while (!r.done) {
      done.push(r.value);
      r = steps.next();
    }
    expect(done).toEqual(Array.from({ length: 125 }, (_, i) => 2 * (i + 1)));
    expect(r.value).toEqual(simulate([model], { iterations: 250, seed: 42 }));
  });

  it("stops drawing when the caller stops asking (a cancelled run)", () => {
    const progress: number[] = [];
    const steps = simulateSteps([model], { iterations: 1000, seed: 1, onProgress: (d) => progress.push(d) });
    steps.next();
    steps.next();
    steps.return(undefined as never);
    expect(progress).toEqual([10, 20]);
    expect(steps.next().done).toBe(true);
  });
});
