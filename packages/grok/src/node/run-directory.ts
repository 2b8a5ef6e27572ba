import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type GrokConfigInput, type ResolvedConfig, resolveConfig } from "../config.js";
import { GrokError } from "../errors.js";
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from "../training/checkpoint.js";
import { type BackendChoice, createTrainer, type RunOptions, type Trainer } from "../training/trainer.js";
import type { EvalRecord, TrainResult } from "../training/types.js";
import { fsOps, writeAll, writeAtomic } from "./atomic-write.js";
import { configFile, runFiles, summaryFile } from "./run-files.js";
import { lockRun } from "./run-lock.js";

/**
 * Upper bound of {@link TrainToDirectoryOptions.keepCheckpoints}.
 *
 * @example
 * ```ts
 * await trainToDirectory({ p: 31 }, "runs/x", { keepCheckpoints: maxKeepCheckpoints });
 * ```
 */
export const maxKeepCheckpoints = 1000;

/** Options of {@link trainToDirectory}. */
export interface TrainToDirectoryOptions {
  /**
   * Continue the run in `dir` from its newest checkpoint that verifies. `input` then overrides the
   * stored config: only `steps`, `stopAfterGeneralization` and `checkpointEvery` may differ from it
   * (anything else is `RESUME_CONFLICT`). An empty or missing `dir` starts a fresh run; run files with
   * no verifying checkpoint are `NO_VERIFIED_CHECKPOINT`, and nothing is overwritten.
   */
  resume?: boolean;
  /** Replace another run's files in `dir` (without it, a directory holding a run is `RUN_EXISTS`). */
  force?: boolean;
  backend?: BackendChoice;
  onEval?: (record: EvalRecord) => void;
  onStep?: (step: number) => void;
  /** Told when resume skips a checkpoint that failed verification (the CLI prints it on stderr). */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
  /** Checkpoint files to keep (newest first; default 3, at most {@link maxKeepCheckpoints}). */
  keepCheckpoints?: number;
}

/**
 * Settings a resume may change: they decide how long to train, not what is trained.
 *
 * @example
 * ```ts
 * await trainToDirectory({ steps: 8000 }, "runs/demo", { resume: true }); // steps ∈ resumableKeys
 * ```
 */
export const resumableKeys = ["steps", "stopAfterGeneralization", "checkpointEvery"] as const;

const CKPT = /^step-(\d+)\.ckpt$/;

function checkpointSteps(dir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, runFiles.checkpoints));
  } catch {
    return [];
  }
  return names
    .map((n) => CKPT.exec(n)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
}

const checkpointPath = (dir: string, step: number) => join(dir, runFiles.checkpoints, `step-${step}.ckpt`);

/** A checkpoint that verified, and the newer ones that did not (with why). */
interface Verified {
  checkpoint: Checkpoint | undefined;
  rejected: { step: number; why: string }[];
}

function newestVerified(dir: string): Verified {
  const rejected: { step: number; why: string }[] = [];
  for (const step of checkpointSteps(dir)) {
    try {
      const checkpoint = decodeCheckpoint(new Uint8Array(readFileSync(checkpointPath(dir, step))));
      if (checkpoint.step !== step)
        throw new GrokError("BAD_CHECKPOINT", `file holds step ${checkpoint.step}`);
      return { checkpoint, rejected };
    } catch (e) {
      rejected.push({ step, why: e instanceof Error ? e.message : String(e) });
    }
  }
  return { checkpoint: undefined, rejected };
}

/**
 * The newest checkpoint in `dir/checkpoints` that verifies (checksum, format, config), or undefined.
 *
 * @example
 * ```ts
 * import { latestCheckpoint } from "@emerge/grok/node";
 * const checkpoint = await latestCheckpoint("runs/demo");
 * ```
 */
export async function latestCheckpoint(dir: string): Promise<Checkpoint | undefined> {
  return newestVerified(dir).checkpoint;
}

/** The run files present in `dir` (empty: no run there). */
function runFilesIn(dir: string): string[] {
  const present: string[] = [runFiles.config, runFiles.metrics, runFiles.summary].filter((f) =>
    existsSync(join(dir, f)),
  );
  const steps = checkpointSteps(dir);
  if (steps.length > 0) present.push(`${steps.length} checkpoint${steps.length === 1 ? "" : "s"}`);
  return present;
}

function flatten(value: unknown, path = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  } else out.set(path, value);
  return out;
}

/** The stored config with `input`'s keys laid over it (nested objects merged, a new model kind replaces). */
function overlay(stored: ResolvedConfig, input: GrokConfigInput): GrokConfigInput {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(input)) {
    const old = merged[key];
    const sameKind =
      key !== "model" ||
      (value as { kind?: unknown }).kind === undefined ||
      (value as { kind?: unknown }).kind === stored.model.kind;
    merged[key] =
      typeof value === "object" && value !== null && typeof old === "object" && old !== null && sameKind
        ? { ...old, ...value }
        : value;
  }
  return merged as GrokConfigInput;
}

function resumeConfig(
  dir: string,
  stored: ResolvedConfig,
  input: GrokConfigInput,
  at: number,
): ResolvedConfig {
  const config = resolveConfig(overlay(stored, input));
  const before = flatten(stored);
  const after = flatten(config);
  const conflicts = [...new Set([...before.keys(), ...after.keys()])].filter(
    (k) => !(resumableKeys as readonly string[]).includes(k) && !Object.is(before.get(k), after.get(k)),
  );
  if (conflicts.length > 0) {
    const list = conflicts.map(
      (k) => `${k} (stored ${JSON.stringify(before.get(k))}, given ${JSON.stringify(after.get(k))})`,
    );
    throw new GrokError(
      "RESUME_CONFLICT",
      `cannot resume ${dir} with a different ${list.join(", ")}; only ${resumableKeys.join(", ")} may change on resume`,
    );
  }
  if (config.steps < at)
    throw new GrokError(
      "RESUME_CONFLICT",
      `cannot resume ${dir} with steps ${config.steps}: its checkpoint is at step ${at}`,
    );
  return config;
}

/** Write a checkpoint and keep only the newest `keep` checkpoint files. */
function saveCheckpoint(dir: string, c: Checkpoint, keep: number): void {
  writeAtomic(checkpointPath(dir, c.step), encodeCheckpoint(c));
  for (const s of checkpointSteps(dir).slice(keep)) rmSync(checkpointPath(dir, s), { force: true });
}

async function saveOnAbort(dir: string, trainer: Trainer, keep: number, metricsPath: string): Promise<void> {
  if (checkpointSteps(dir)[0] === trainer.step) return;
  const c = await trainer.checkpoint();
  saveCheckpoint(dir, c, keep);
  // the metrics the checkpoint vouches for, so the file and the checkpoint agree on a resume
  writeAtomic(metricsPath, jsonl(c.metrics));
}

function removeRunFiles(dir: string): void {
  for (const f of [runFiles.summary, runFiles.metrics, runFiles.config])
    rmSync(join(dir, f), { force: true });
  rmSync(join(dir, runFiles.checkpoints), { recursive: true, force: true });
}

/** Append one line, every byte checked (a torn last line is repaired on resume from the checkpoint). */
function appendLine(path: string, line: string): void {
  let fd: number | undefined;
  try {
    fd = fsOps.openSync(path, "a");
    writeAll(fd, Buffer.from(line, "utf8"), path);
  } catch (e) {
    if (e instanceof GrokError) throw e;
    throw new GrokError("WRITE_FAILED", `cannot append to ${path}: ${(e as Error).message}`);
  } finally {
    if (fd !== undefined) fsOps.closeSync(fd);
  }
}

const jsonl = (records: readonly EvalRecord[]) => records.map((m) => `${JSON.stringify(m)}\n`).join("");

/**
 * Train into a run directory that the run owns: `run.lock` (pid) while it trains, `config.json`,
 * `metrics.jsonl` (one line per evaluation), `checkpoints/step-N.ckpt` (format 2, checksummed) at step 0
 * and every `checkpointEvery` steps, and `summary.json` at the end; every file but the metrics lines is
 * written atomically and durably (temporary file, byte count checked, fsync, rename, directory fsync).
 * With `resume`, continues from the newest checkpoint that verifies, exactly (bit-identical on the
 * CPU backend), telling `onWarning` about any newer one it had to skip.
 *
 * @example
 * ```ts
 * import { trainToDirectory } from "@emerge/grok/node";
 * await trainToDirectory({ p: 97, trainFraction: 0.3 }, "runs/demo");
 * ```
 */
export async function trainToDirectory(
  input: GrokConfigInput | ResolvedConfig,
  dir: string,
  options: TrainToDirectoryOptions = {},
): Promise<TrainResult> {
  try {
    return await trainInto(input, dir, options);
  } catch (e) {
    // a file-system error not already typed (a file where the directory should be, permissions, EIO)
    const err = e as NodeJS.ErrnoException;
    if (!(e instanceof GrokError) && e instanceof Error && typeof err.syscall === "string")
      throw new GrokError("WRITE_FAILED", `${dir}: ${err.message}`);
    throw e;
  }
}

async function trainInto(
  input: GrokConfigInput | ResolvedConfig,
  dir: string,
  options: TrainToDirectoryOptions,
): Promise<TrainResult> {
  const keep = options.keepCheckpoints ?? 3;
  if (!Number.isInteger(keep) || keep < 1 || keep > maxKeepCheckpoints)
    throw new GrokError(
      "INVALID_CONFIG",
      `keepCheckpoints must be an integer in [1, ${maxKeepCheckpoints}], got ${keep}`,
    );
  // a fresh run's config is checked before the directory is touched
  const fresh = options.resume ? undefined : resolveConfig(input);
  mkdirSync(dir, { recursive: true });
  const unlock = lockRun(dir);
  try {
    const present = runFilesIn(dir);
    let checkpoint: Checkpoint | undefined;
    let config: ResolvedConfig;
    if (options.resume && present.length > 0) {
      const found = newestVerified(dir);
      if (!found.checkpoint) {
        const why = found.rejected.map((r) => `step-${r.step}.ckpt: ${r.why}`).join("; ");
        throw new GrokError(
          "NO_VERIFIED_CHECKPOINT",
          `cannot resume ${dir}: no checkpoint verifies${why ? ` (${why})` : ""}; nothing was changed (use force to start over)`,
        );
      }
      config = resumeConfig(dir, found.checkpoint.config as ResolvedConfig, input, found.checkpoint.step);
      checkpoint = { ...found.checkpoint, config };
      for (const r of found.rejected) {
        // set aside, so a later resume does not try it again and pruning does not count it
        renameSync(checkpointPath(dir, r.step), `${checkpointPath(dir, r.step)}.corrupt`);
        options.onWarning?.(
          `checkpoint step-${r.step}.ckpt failed verification (${r.why}); kept as step-${r.step}.ckpt.corrupt`,
        );
      }
      if (found.rejected.length > 0)
        options.onWarning?.(`resuming from the newest verified checkpoint, step ${found.checkpoint.step}`);
    } else {
      if (present.length > 0 && !options.resume) {
        if (!options.force)
          throw new GrokError(
            "RUN_EXISTS",
            `${dir} holds another run (${present.join(", ")}): continue it with resume (--resume) or replace it with force (--force)`,
          );
        removeRunFiles(dir);
      }
      config = fresh ?? resolveConfig(input);
    }
    mkdirSync(join(dir, runFiles.checkpoints), { recursive: true });
    const trainer = await createTrainer(config, {
      ...(checkpoint ? { checkpoint } : {}),
      ...(options.backend ? { backend: options.backend } : {}),
    });
    try {
      // step 0 first: from here on the directory always holds a checkpoint a resume can use
      if (!checkpoint) writeAtomic(checkpointPath(dir, 0), encodeCheckpoint(await trainer.checkpoint()));
      writeAtomic(
        join(dir, runFiles.config),
        `${JSON.stringify(configFile(config, trainer.backend.description), null, 2)}\n`,
      );
      const metricsPath = join(dir, runFiles.metrics);
      // the history the checkpoint vouches for: drops lines written after it (or torn by a kill)
      writeAtomic(metricsPath, jsonl(trainer.metrics));
      const run: RunOptions = {
        onEval: (record) => {
          appendLine(metricsPath, `${JSON.stringify(record)}\n`);
          options.onEval?.(record);
        },
        onCheckpoint: (c) => saveCheckpoint(dir, c, keep),
      };
      if (options.onStep) run.onStep = options.onStep;
      if (options.signal) run.signal = options.signal;
      let result: TrainResult;
      try {
        result = await trainer.run(run);
      } catch (e) {
        // Ctrl-C (or any abort) stops at the top of a step, where the trainer's state is exactly what
        // a periodic checkpoint would hold: save it, so a resume loses none of the steps since the last one
        if (e instanceof GrokError && e.code === "ABORTED")
          await saveOnAbort(dir, trainer, keep, metricsPath);
        throw e;
      }
      writeAtomic(metricsPath, jsonl(result.metrics));
      writeAtomic(join(dir, runFiles.summary), `${JSON.stringify(summaryFile(result.summary), null, 2)}\n`);
      return result;
    } finally {
      trainer.dispose();
    }
  } finally {
    unlock();
  }
}
