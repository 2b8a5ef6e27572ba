#!/usr/bin/env node
/**
 * `emerge-grok`: train (or sweep) from the terminal.
 *
 *   emerge-grok train --op add --p 97 --frac 0.3 --seed 0 --out runs/demo [--resume]
 *   emerge-grok sweep --seeds 0,1,2 --lr 1e-3,3e-3 --out runs/sweep [--jobs 2]
 */
import { parseArgs } from "node:util";
import type { Backend } from "./backends/backend.js";
import { cpuBackend } from "./backends/cpu/cpu-backend.js";
import { type GrokConfigInput, type MlpConfig, resolveConfig } from "./config.js";
import { GrokError } from "./errors.js";
import { trainToDirectory } from "./node/run-directory.js";
import { type SweepGrid, sweep } from "./node/sweep.js";
import type { EvalRecord } from "./training/types.js";

const HELP = `emerge-grok — train small networks on modular arithmetic until they grok

Usage:
  emerge-grok train [options] --out DIR     train one run into DIR (config.json, metrics.jsonl, summary.json, checkpoints/)
  emerge-grok sweep [options] --out DIR     run a grid (comma-separated values) in parallel child processes

Options (defaults = the default demo: add, p 97, frac 0.3, MLP 512 quadratic, AdamW lr 3e-3 wd 1):
  --op OP             add | sub | div | mixed | x2+y2 | … | s5 | s5-conj | s5-xyx
  --p N               modulus                       --frac F        train fraction
  --seed N            seed (split, init, batches)   --steps N       max steps
  --model mlp|transformer   --width N  --depth N  --activation quadratic|relu|gelu  --bias
  --layers N  --d-model N  --heads N  --d-mlp N     (transformer)
  --lr X  --wd X  --beta1 X  --beta2 X  --eps X  --warmup N
  --loss cross-entropy|mse    --batch N|full    --eval-every N    --checkpoint-every N
  --stop-after N      stop N steps after test acc ≥ 99% (default 100; -1 = run all steps)
  --backend cpu|gpu   --threads N (cpu)
  --resume            continue DIR from its newest checkpoint
  --quiet             no progress output
  --config-json JSON  full config as JSON (overrides the flags)
Sweep: any of --seed, --lr, --wd, --frac, --width, --p take comma-separated lists; --jobs N (default: cores).
`;

const options = {
  op: { type: "string" },
  p: { type: "string" },
  frac: { type: "string" },
  seed: { type: "string" },
  seeds: { type: "string" },
  steps: { type: "string" },
  model: { type: "string" },
  width: { type: "string" },
  depth: { type: "string" },
  activation: { type: "string" },
  bias: { type: "boolean" },
  layers: { type: "string" },
  "d-model": { type: "string" },
  heads: { type: "string" },
  "d-mlp": { type: "string" },
  lr: { type: "string" },
  wd: { type: "string" },
  beta1: { type: "string" },
  beta2: { type: "string" },
  eps: { type: "string" },
  warmup: { type: "string" },
  loss: { type: "string" },
  batch: { type: "string" },
  "eval-every": { type: "string" },
  "checkpoint-every": { type: "string" },
  "stop-after": { type: "string" },
  backend: { type: "string" },
  threads: { type: "string" },
  jobs: { type: "string" },
  out: { type: "string" },
  resume: { type: "boolean" },
  quiet: { type: "boolean" },
  "config-json": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Flags = Record<string, string | boolean | undefined>;

function num(flag: string, v: string): number {
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x))
    throw new GrokError("INVALID_CONFIG", `--${flag} needs a number, got "${v}"`);
  return x;
}

/** Config from flags; `pick` selects one value of a comma-separated flag (sweeps). */
function configFromFlags(f: Flags): GrokConfigInput {
  if (typeof f["config-json"] === "string") return JSON.parse(f["config-json"]) as GrokConfigInput;
  const c: GrokConfigInput = {};
  const s = (k: string) => (typeof f[k] === "string" ? (f[k] as string) : undefined);
  const n = (k: string) => (s(k) === undefined ? undefined : num(k, s(k) as string));
  const set = <K extends keyof GrokConfigInput>(key: K, v: GrokConfigInput[K] | undefined) => {
    if (v !== undefined) c[key] = v;
  };
  set("op", s("op") as GrokConfigInput["op"]);
  set("p", n("p"));
  set("trainFraction", n("frac"));
  set("seed", n("seed"));
  set("steps", n("steps"));
  set("loss", s("loss") as GrokConfigInput["loss"]);
  const batch = s("batch");
  set("batchSize", batch === undefined ? undefined : batch === "full" ? "full" : num("batch", batch));
  set("evalEvery", n("eval-every"));
  set("checkpointEvery", n("checkpoint-every"));
  const stop = n("stop-after");
  if (stop !== undefined) c.stopAfterGeneralization = stop < 0 ? null : stop;
  const model: Record<string, unknown> = {};
  const kind = s("model");
  if (kind !== undefined) model.kind = kind;
  for (const [flag, key] of [
    ["width", "width"],
    ["depth", "depth"],
    ["layers", "layers"],
    ["d-model", "dModel"],
    ["heads", "heads"],
    ["d-mlp", "dMlp"],
  ] as const) {
    const v = n(flag);
    if (v !== undefined) model[key] = v;
  }
  if (s("activation") !== undefined) model.activation = s("activation");
  if (f.bias) model.bias = true;
  if (Object.keys(model).length > 0) c.model = model as Partial<MlpConfig>;
  const opt: Record<string, number> = {};
  for (const [flag, key] of [
    ["lr", "lr"],
    ["wd", "weightDecay"],
    ["beta1", "beta1"],
    ["beta2", "beta2"],
    ["eps", "eps"],
    ["warmup", "warmupSteps"],
  ] as const) {
    const v = n(flag);
    if (v !== undefined) opt[key] = v;
  }
  if (Object.keys(opt).length > 0) c.optimizer = opt;
  return c;
}

function progress(
  step: number,
  total: number,
  last: EvalRecord | undefined,
  startedAt: number,
  from: number,
): string {
  const width = 28;
  const filled = Math.round((Math.min(step, total) / Math.max(1, total)) * width);
  const rate = (step - from) / Math.max(1e-9, (performance.now() - startedAt) / 1000);
  const acc = last
    ? `train ${(100 * last.trainAcc).toFixed(1)}%  test ${(100 * last.testAcc).toFixed(1)}%  loss ${last.trainLoss.toExponential(2)}`
    : "";
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${step}/${total}  ${acc}  ${rate.toFixed(0)} steps/s`;
}

async function trainCommand(f: Flags): Promise<void> {
  const out = f.out;
  if (typeof out !== "string") throw new GrokError("INVALID_CONFIG", "train needs --out DIR");
  const config = resolveConfig(configFromFlags(f));
  let backend: Backend | string = typeof f.backend === "string" ? f.backend : "cpu";
  if (backend === "cpu") {
    const threads = typeof f.threads === "string" ? num("threads", f.threads) : undefined;
    backend = await cpuBackend(threads === undefined ? {} : { threads });
  }
  const tty = process.stderr.isTTY && !f.quiet;
  let last: EvalRecord | undefined;
  let lastDraw = 0;
  const startedAt = performance.now();
  let from = -1;
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  try {
    const result = await trainToDirectory(config, out, {
      resume: Boolean(f.resume),
      backend,
      signal: controller.signal,
      onEval: (r) => {
        last = r;
        if (!f.quiet && !tty && r.step % (config.evalEvery * 50) === 0)
          process.stderr.write(`${progress(r.step, config.steps, r, startedAt, Math.max(0, from))}\n`);
      },
      onStep: (step) => {
        if (from < 0) from = step - 1;
        const now = performance.now();
        if (tty && now - lastDraw > 100) {
          lastDraw = now;
          process.stderr.write(`\r${progress(step, config.steps, last, startedAt, from)}`);
        }
      },
    });
    const s = result.summary;
    if (!f.quiet) {
      if (tty) process.stderr.write("\n");
      process.stdout.write(
        `memorization step ${s.memorizationStep ?? "—"}, generalization step ${s.generalizationStep ?? "—"} ` +
          `(95%: ${s.generalization95Step ?? "—"}), ${s.steps} steps in ${s.wall_s.toFixed(1)} s ` +
          `(${s.steps_per_s.toFixed(1)} steps/s, ${s.backend}); final train ${(100 * s.final.train_acc).toFixed(1)}%, ` +
          `test ${(100 * s.final.test_acc).toFixed(1)}% → ${out}/summary.json\n`,
      );
    }
  } finally {
    if (typeof backend !== "string") backend.dispose();
  }
}

async function sweepCommand(f: Flags): Promise<void> {
  const out = f.out;
  if (typeof out !== "string") throw new GrokError("INVALID_CONFIG", "sweep needs --out DIR");
  const grid: SweepGrid = {};
  const single: Flags = { ...f };
  for (const [flag, key] of [
    ["seed", "seed"],
    ["seeds", "seed"],
    ["lr", "optimizer.lr"],
    ["wd", "optimizer.weightDecay"],
    ["frac", "trainFraction"],
    ["width", "model.width"],
    ["p", "p"],
  ] as const) {
    const v = f[flag];
    if (typeof v === "string" && (v.includes(",") || flag === "seeds")) {
      grid[key] = v.split(",").map((x) => num(flag, x));
      delete single[flag];
    }
  }
  const base = configFromFlags(single);
  resolveConfig(base); // fail fast on a bad base config
  const jobs = typeof f.jobs === "string" ? num("jobs", f.jobs) : undefined;
  const results = await sweep(base, grid, out, {
    ...(jobs === undefined ? {} : { jobs }),
    onJobDone: (j) => {
      if (f.quiet) return;
      const s = j.summary;
      process.stdout.write(
        `job ${j.index} ${JSON.stringify(j.point)}: ${
          s
            ? `mem ${s.memorization_step ?? "—"}, gen ${s.generalization_step ?? "—"}, ${s.wall_s.toFixed(1)} s`
            : `failed: ${j.error}`
        }\n`,
      );
    },
  });
  if (results.some((r) => r.error)) process.exitCode = 1;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const command = positionals[0];
  if (values.help || command === undefined) {
    process.stdout.write(HELP);
    return;
  }
  if (command === "train") await trainCommand(values);
  else if (command === "sweep") await sweepCommand(values);
  else throw new GrokError("INVALID_CONFIG", `unknown command "${command}" (train | sweep)`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`emerge-grok: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = e instanceof GrokError && e.code === "ABORTED" ? 130 : 1;
});
