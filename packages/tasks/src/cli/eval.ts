import { join } from "node:path";
import { TaskError } from "../errors.js";
import { evaluate } from "../node/evaluate.js";
import { readInstances, writeEvaluation } from "../node/io.js";
import { progressBar } from "../node/progress.js";
import { type ScorerName, scorerNames } from "../scoring/score.js";

const int = (name: string, v: unknown): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n))
    throw new TaskError("INVALID_ARGUMENT", `--${name} must be an integer, got ${String(v)}`);
  return n;
};

/** Decode CLI escapes so `--stop '\n'` means a newline. */
function decodeEscapes(s: string): string {
  return s.replace(/\\n/g, "\n").replace(/\\t/g, "\t");
}

/** `emerge-tasks eval <file> …` */
export async function runEval(file: string, flags: Record<string, unknown>): Promise<void> {
  if (typeof flags.baseUrl !== "string") throw new TaskError("INVALID_ARGUMENT", "--base-url is required");
  if (typeof flags.model !== "string") throw new TaskError("INVALID_ARGUMENT", "--model is required");
  const api = String(flags.api ?? "completions");
  if (api !== "completions" && api !== "chat")
    throw new TaskError("INVALID_ARGUMENT", `--api must be completions or chat, got ${api}`);
  const scorer = String(flags.scorer ?? "auto") as ScorerName;
  if (!scorerNames.includes(scorer))
    throw new TaskError("INVALID_ARGUMENT", `--scorer must be one of ${scorerNames.join(", ")}`);
  const out = String(flags.out ?? "emerge-eval");
  const stopFlag = flags.stop;
  const stop = (Array.isArray(stopFlag) ? stopFlag : stopFlag === undefined ? [] : [stopFlag]).map((s) =>
    decodeEscapes(String(s)),
  );
  const tasks = readInstances(file);
  const showProgress = flags.progress !== false;
  const evaluation = await evaluate(
    tasks,
    {
      baseURL: flags.baseUrl,
      model: flags.model,
      api,
      apiKeyEnv: String(flags.apiKeyEnv ?? "OPENAI_API_KEY"),
    },
    {
      concurrency: int("concurrency", flags.concurrency ?? 8),
      retries: int("retries", flags.retries ?? 5),
      timeoutMs: int("timeout", flags.timeout ?? 60_000),
      maxTokens: int("max-tokens", flags.maxTokens ?? 256),
      stop,
      scorer,
      cache: typeof flags.cache === "string" ? flags.cache : join(out, "cache.jsonl"),
      ...(flags.maxPromptChars !== undefined
        ? { maxPromptChars: int("max-prompt-chars", flags.maxPromptChars) }
        : {}),
      ...(showProgress ? { onProgress: (p) => process.stderr.write(`\r${progressBar(p)}`) } : {}),
    },
  );
  if (showProgress) process.stderr.write("\n");
  // The key's value is never written: only the name of its variable.
  writeEvaluation(out, evaluation, {
    model: flags.model,
    api,
    baseURL: flags.baseUrl,
    apiKeyEnv: flags.apiKeyEnv ?? "OPENAI_API_KEY",
    file,
    scorer,
    stop,
  });
  const t = evaluation.totals;
  process.stdout.write(
    `${t.instances} instances: ${t.instances - t.errors} answered (${t.cached} from cache), ${t.errors} errors, ` +
      `${t.requests} requests (${t.retries} retries), ${t.requestsPerSecond.toFixed(1)} req/s\n`,
  );
  for (const g of evaluation.groups) {
    const em = g.metrics.exact_match;
    if (em) {
      process.stdout.write(
        `${g.family} ${JSON.stringify(g.difficulty)}: exact_match ${em.mean.toFixed(3)} [${em.lo.toFixed(3)}, ${em.hi.toFixed(3)}] (n=${g.n})\n`,
      );
    }
  }
  if (t.errors > 0) process.exitCode = 2;
}
