/**
 * Find a page default that groks quickly: trains a few candidate configs on the CPU backend in
 * Node and prints memorisation / generalisation steps and wall time.
 *   node --conditions=@emerge/source --import tsx scripts/tune.ts
 */
import { train } from "@emerge/grok";
import { parseSettings, toGrokConfig } from "../src/settings.js";

const candidates: Record<string, string>[] = process.argv[2]
  ? [Object.fromEntries(new URLSearchParams(process.argv[2]))]
  : [
      { p: "23", trainFraction: "0.5", width: "128", weightDecay: "1", lr: "0.01" },
      { p: "23", trainFraction: "0.6", width: "64", weightDecay: "1", lr: "0.01" },
      { p: "23", trainFraction: "0.5", width: "64", weightDecay: "1", lr: "0.01" },
      { p: "31", trainFraction: "0.5", width: "128", weightDecay: "1", lr: "0.01" },
    ];
for (const raw of candidates) {
  const settings = parseSettings({ steps: "3000", ...raw });
  const t0 = performance.now();
  const { summary } = await train(toGrokConfig(settings), { backend: "cpu" });
  console.log(
    JSON.stringify(raw),
    `mem ${summary.memorizationStep} gen ${summary.generalizationStep} steps ${summary.steps}`,
    `wall ${((performance.now() - t0) / 1000).toFixed(1)} s (${summary.stepsPerS.toFixed(0)} steps/s, ${summary.backend})`,
    `final test ${summary.final.testAcc.toFixed(3)}`,
  );
}
