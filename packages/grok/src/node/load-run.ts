import { readFileSync } from "node:fs";
import { join } from "node:path";
import { revalidateConfig } from "../config.js";
import { GrokError } from "../errors.js";
import type { EvalRecord, RunSummary, TrainResult } from "../training/types.js";
import { runFiles } from "./run-files.js";

function read(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GrokError(
      "BAD_RUN",
      code === "ENOENT" && file === runFiles.summary
        ? `${dir} has no ${file}: the run has not finished (resume it to finish)`
        : `cannot read ${join(dir, file)}: ${code ?? (e as Error).message}`,
    );
  }
}

function parse(dir: string, file: string, text: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GrokError(
      "BAD_RUN",
      `${join(dir, file)}${line === undefined ? "" : `:${line}`} is not valid JSON`,
    );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Read a finished run directory back: what {@link trainToDirectory} (and `train()`) returned, from
 * `config.json`, `metrics.jsonl` and `summary.json`, so figures can be redrawn from disk. Throws
 * `GrokError("BAD_RUN")` naming the file when one is missing or unreadable.
 *
 * @example
 * ```ts
 * import { loadRun } from "@emerge/grok/node";
 * const run = loadRun("runs/demo");
 * console.log(run.summary.generalizationStep, run.metrics.length);
 * ```
 */
export function loadRun(dir: string): TrainResult {
  const configJson = parse(dir, runFiles.config, read(dir, runFiles.config));
  if (!isObject(configJson)) throw new GrokError("BAD_RUN", `${join(dir, runFiles.config)} is not an object`);
  let config: TrainResult["config"];
  try {
    config = revalidateConfig(configJson.config);
  } catch (e) {
    throw new GrokError("BAD_RUN", `${join(dir, runFiles.config)}: ${(e as Error).message}`);
  }
  const summaryJson = parse(dir, runFiles.summary, read(dir, runFiles.summary));
  if (!isObject(summaryJson) || typeof summaryJson.steps !== "number" || !isObject(summaryJson.final))
    throw new GrokError("BAD_RUN", `${join(dir, runFiles.summary)} is not a run summary`);
  const { formatVersion: _, ...summary } = summaryJson;
  const metrics = read(dir, runFiles.metrics)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const record = parse(dir, runFiles.metrics, line, i + 1);
      if (!isObject(record) || typeof record.step !== "number")
        throw new GrokError("BAD_RUN", `${join(dir, runFiles.metrics)}:${i + 1} is not an evaluation record`);
      return record as unknown as EvalRecord;
    });
  return { config, metrics, summary: summary as unknown as RunSummary };
}
