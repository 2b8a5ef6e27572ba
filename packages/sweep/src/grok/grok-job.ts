import type { GrokConfigInput } from "@emerge/grok";
import type { JobFunction } from "../job/job-function.js";

/**
 * The default job of `emerge-sweep`: train one grokking run with `@emerge/grok` into the job's
 * checkpoint directory (`config.json`, `metrics.jsonl`, `checkpoints/`, `summary.json`), resuming from
 * the newest checkpoint when the job is retried. `@emerge/grok` is imported when the first job runs,
 * so nothing else in `@emerge/sweep` loads it.
 *
 * The result is the deterministic part of the run summary (phase steps and final metrics); timings and
 * the backend name vary between machines and stay in the run directory's `summary.json`.
 *
 * @example
 * ```ts
 * import { grokJob } from "@emerge/sweep/grok";
 * const report = await runLocal(expandSweep({ base: { p: 23, steps: 2000 }, grid: { trainFraction: [0.3, 0.6] } }), grokJob);
 * ```
 */
export const grokJob: JobFunction = async (config, ctx) => {
  const [{ resolveConfig }, { trainToDirectory }] = await Promise.all([
    import("@emerge/grok"),
    import("@emerge/grok/node"),
  ]);
  const input = config as GrokConfigInput;
  const total = resolveConfig(input).steps; // validates too: a bad config fails before any file is written
  let last = 0;
  const { summary } = await trainToDirectory(input, ctx.checkpointDir, {
    resume: true,
    signal: ctx.signal,
    onEval: (r) => {
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      ctx.onProgress({ step: r.step, total, metrics: { trainAcc: r.trainAcc, testAcc: r.testAcc } });
    },
  });
  return {
    memorizationStep: summary.memorizationStep,
    generalization95Step: summary.generalization95Step,
    generalizationStep: summary.generalizationStep,
    plateauSteps: summary.plateauSteps,
    steps: summary.steps,
    final: summary.final,
  };
};
