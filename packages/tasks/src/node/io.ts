import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TaskError } from "../errors.js";
import type { TaskInstance } from "../instance.js";
import type { Evaluation } from "./evaluate.js";

/**
 * Read instances from a JSONL file (as written by `emerge-tasks generate`). Each line needs at
 * least `prompt` and `target`; `id`, `family`, `answer` and `meta` are filled in when absent
 * (`answer` defaults to the trimmed target).
 *
 * @example
 * ```ts
 * const tasks = readInstances("arith.jsonl");
 * ```
 */
export function readInstances(path: string): TaskInstance[] {
  const text = readFileSync(path, "utf8");
  const out: TaskInstance[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (e) {
      throw new TaskError("INVALID_ARGUMENT", `${path}:${i + 1}: not JSON`, { cause: e });
    }
    const prompt = o.prompt ?? o.context;
    const target = o.target ?? o.completion;
    if (typeof prompt !== "string" || typeof target !== "string") {
      throw new TaskError(
        "INVALID_ARGUMENT",
        `${path}:${i + 1}: needs string "prompt" and "target" (or "context" and "completion")`,
      );
    }
    out.push({
      id: typeof o.id === "string" ? o.id : `line-${i + 1}`,
      family: typeof o.family === "string" ? o.family : "custom",
      prompt,
      target,
      answer: typeof o.answer === "string" ? o.answer : target.trim(),
      ...(typeof o.rationale === "string" ? { rationale: o.rationale } : {}),
      meta: (o.meta ?? {}) as TaskInstance["meta"],
    });
  });
  return out;
}

function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Write `results.jsonl` (one line per instance, in input order) and `summary.json` into `dir`, atomically. */
export function writeEvaluation(
  dir: string,
  evaluation: Evaluation,
  extra: Record<string, unknown> = {},
): void {
  writeAtomic(join(dir, "results.jsonl"), evaluation.results.map((r) => `${JSON.stringify(r)}\n`).join(""));
  writeAtomic(
    join(dir, "summary.json"),
    `${JSON.stringify({ ...extra, totals: evaluation.totals, groups: evaluation.groups }, null, 2)}\n`,
  );
}
