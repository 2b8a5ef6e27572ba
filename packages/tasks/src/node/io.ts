import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { TaskError } from "../errors.js";
import type { TaskInstance } from "../instance.js";
import { writeFileAtomic } from "./atomic-write.js";
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
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new Error("not a regular file");
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new TaskError("IO_ERROR", `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
  const out: TaskInstance[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      throw new TaskError("INVALID_ARGUMENT", `${path}:${i + 1}: not JSON`, { cause: e });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new TaskError("INVALID_ARGUMENT", `${path}:${i + 1}: each line must be a JSON object`);
    }
    const o = parsed as Record<string, unknown>;
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

/**
 * Write `results.jsonl` (one line per instance, in input order) and `summary.json` into `dir`, each
 * atomically (see {@link writeFileAtomic}): a full disk leaves the previous files whole.
 *
 * @example
 * ```ts
 * writeEvaluation("runs/gpt-x", await evaluate(tasks, endpoint), { model: "gpt-x" });
 * ```
 */
export function writeEvaluation(
  dir: string,
  evaluation: Evaluation,
  extra: Record<string, unknown> = {},
): void {
  writeFileAtomic(
    join(dir, "results.jsonl"),
    evaluation.results.map((r) => `${JSON.stringify(r)}\n`).join(""),
  );
  writeFileAtomic(
    join(dir, "summary.json"),
    `${JSON.stringify({ ...extra, totals: evaluation.totals, groups: evaluation.groups }, null, 2)}\n`,
  );
}
