import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { appendFile, mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { type GrokConfig, type GrokConfigInput, resolveConfig, revalidateConfig } from "../config.js";
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from "../training/checkpoint.js";
import { type BackendChoice, createTrainer, type RunOptions } from "../training/trainer.js";
import type { EvalRecord, RunSummary, TrainResult } from "../training/types.js";
import { version } from "../version.js";

/** Options of {@link trainToDirectory}. */
export interface TrainToDirectoryOptions {
  /** Continue from the newest valid checkpoint in `dir/checkpoints` (fresh start if there is none). */
  resume?: boolean;
  backend?: BackendChoice;
  onEval?: (record: EvalRecord) => void;
  onStep?: (step: number) => void;
  signal?: AbortSignal;
  /** Checkpoint files to keep (newest first; default 3). */
  keepCheckpoints?: number;
}

/** summary.json on disk: the run summary with snake_case step fields. */
export interface SummaryFile {
  memorization_step: number | null;
  generalization_step: number | null;
  generalization95_step: number | null;
  plateau_steps: number | null;
  steps: number;
  wall_s: number;
  steps_per_s: number;
  backend: string;
  final: RunSummary["final"];
}

/** Map the in-memory summary to the snake_case summary.json shape. */
export function summaryFile(s: RunSummary): SummaryFile {
  return {
    memorization_step: s.memorizationStep,
    generalization_step: s.generalizationStep,
    generalization95_step: s.generalization95Step,
    plateau_steps: s.plateauSteps,
    steps: s.steps,
    wall_s: s.wall_s,
    steps_per_s: s.steps_per_s,
    backend: s.backend,
    final: s.final,
  };
}

/** Write a file atomically: temp file, fsync, rename. A crash leaves the old or the new file, never half. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  await rename(tmp, path);
}

const CKPT = /^step-(\d+)\.ckpt$/;

/** The newest checkpoint in `dir/checkpoints` that decodes cleanly, or undefined. */
export async function latestCheckpoint(dir: string): Promise<Checkpoint | undefined> {
  const folder = join(dir, "checkpoints");
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return undefined;
  }
  const steps = names
    .map((n) => CKPT.exec(n)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort((a, b) => Number(b) - Number(a));
  for (const s of steps) {
    try {
      return decodeCheckpoint(new Uint8Array(await readFile(join(folder, `step-${s}.ckpt`))));
    } catch {
      // a damaged file (e.g. disk full): fall back to the previous checkpoint
    }
  }
  return undefined;
}

/**
 * Train into a run directory: `config.json`, `metrics.jsonl` (one line per evaluation),
 * `checkpoints/step-N.ckpt` every `checkpointEvery` steps (write-then-rename) and `summary.json`.
 * With `resume`, continues from the newest checkpoint exactly (bit-identical on the CPU backend).
 *
 * @example
 * ```ts
 * import { trainToDirectory } from "@emerge/grok/node";
 * await trainToDirectory({ p: 97, trainFraction: 0.3 }, "runs/demo");
 * ```
 */
export async function trainToDirectory(
  input: GrokConfigInput,
  dir: string,
  options: TrainToDirectoryOptions = {},
): Promise<TrainResult> {
  await mkdir(join(dir, "checkpoints"), { recursive: true });
  const checkpoint = options.resume ? await latestCheckpoint(dir) : undefined;
  const config: GrokConfig = checkpoint ? revalidateConfig(checkpoint.config) : resolveConfig(input);
  const trainer = await createTrainer(
    config,
    checkpoint
      ? { checkpoint, ...(options.backend ? { backend: options.backend } : {}) }
      : options.backend
        ? { backend: options.backend }
        : {},
  );
  try {
    await writeAtomic(
      join(dir, "config.json"),
      `${JSON.stringify(
        {
          config,
          seed: config.seed,
          backend: trainer.backend.description,
          versions: { "@emerge/grok": version, node: process.versions.node },
        },
        null,
        2,
      )}\n`,
    );
    const metricsPath = join(dir, "metrics.jsonl");
    // Rewrite the history the checkpoint vouches for: drops lines written after it (or torn by a kill).
    await writeAtomic(metricsPath, trainer.metrics.map((m) => `${JSON.stringify(m)}\n`).join(""));
    let pending = Promise.resolve();
    const keep = options.keepCheckpoints ?? 3;
    const run: RunOptions = {
      onEval: (record) => {
        const line = `${JSON.stringify(record)}\n`;
        pending = pending.then(() => appendFile(metricsPath, line));
        options.onEval?.(record);
      },
      onCheckpoint: async (c) => {
        await pending;
        const folder = join(dir, "checkpoints");
        await writeAtomic(join(folder, `step-${c.step}.ckpt`), encodeCheckpoint(c));
        const old = (await readdir(folder))
          .map((n) => CKPT.exec(n)?.[1])
          .filter((s): s is string => s !== undefined)
          .map(Number)
          .sort((a, b) => b - a)
          .slice(keep);
        await Promise.all(old.map((s) => rm(join(folder, `step-${s}.ckpt`), { force: true })));
      },
    };
    if (options.onStep) run.onStep = options.onStep;
    if (options.signal) run.signal = options.signal;
    const result = await trainer.run(run);
    await pending;
    await writeAtomic(join(dir, "summary.json"), `${JSON.stringify(summaryFile(result.summary), null, 2)}\n`);
    return result;
  } finally {
    trainer.dispose();
  }
}
