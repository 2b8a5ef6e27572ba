import { join } from "node:path";
import { redactUrl } from "../node/endpoint-url.js";
import { type Evaluation, evaluate } from "../node/evaluate.js";
import { readInstances, writeEvaluation } from "../node/io.js";
import { progressBar } from "../node/progress.js";
import type { ScorerName } from "../scoring/score.js";
import type { CliIo } from "./cli-io.js";

/** Flags of `emerge-tasks eval`, as parsed and range-checked by commander. */
export interface EvalFlags {
  baseUrl: string;
  model: string;
  api: "completions" | "chat";
  apiKeyEnv: string;
  out: string;
  cache?: string;
  concurrency: number;
  retries: number;
  timeout: number;
  maxTokens: number;
  maxResponseBytes: number;
  stop: string[];
  maxPromptChars?: number;
  scorer: ScorerName;
  progress?: boolean;
  json?: boolean;
}

/** Decode CLI escapes so `--stop '\n'` means a newline. */
export function decodeEscapes(s: string): string {
  return s.replace(/\\n/g, "\n").replace(/\\t/g, "\t");
}

/**
 * `emerge-tasks eval <file> …`: evaluate, write `results.jsonl` and `summary.json` into `--out`
 * (atomically), print the totals. Resolves to the exit status: 0, or 1 when some instances failed.
 * The key's value is never written anywhere, only the name of its variable; credentials in
 * `--base-url` are redacted from everything written or printed.
 */
export async function runEval(file: string, flags: EvalFlags, io: CliIo): Promise<number> {
  const tasks = readInstances(file);
  const showProgress = flags.progress ?? io.errIsTTY;
  const evaluation = await evaluate(
    tasks,
    { baseURL: flags.baseUrl, model: flags.model, api: flags.api, apiKeyEnv: flags.apiKeyEnv },
    {
      concurrency: flags.concurrency,
      retries: flags.retries,
      timeoutMs: flags.timeout,
      maxTokens: flags.maxTokens,
      maxResponseBytes: flags.maxResponseBytes,
      stop: flags.stop,
      scorer: flags.scorer,
      cache: flags.cache ?? join(flags.out, "cache.jsonl"),
      ...(flags.maxPromptChars !== undefined ? { maxPromptChars: flags.maxPromptChars } : {}),
      ...(showProgress ? { onProgress: (p) => io.err(`\r${progressBar(p)}`) } : {}),
    },
  );
  if (showProgress) io.err("\n");
  writeEvaluation(flags.out, evaluation, {
    model: flags.model,
    api: flags.api,
    baseURL: redactUrl(flags.baseUrl),
    apiKeyEnv: flags.apiKeyEnv,
    file,
    scorer: flags.scorer,
    stop: flags.stop,
  });
  io.out(flags.json ? `${JSON.stringify(evalReport(flags.out, evaluation))}\n` : formatEval(evaluation));
  return evaluation.totals.errors > 0 ? 1 : 0;
}

function evalReport(out: string, evaluation: Evaluation) {
  return { out, totals: evaluation.totals, groups: evaluation.groups };
}

function formatEval(evaluation: Evaluation): string {
  const t = evaluation.totals;
  let text =
    `${t.instances} instances: ${t.instances - t.errors} answered (${t.cached} from cache), ${t.errors} errors, ` +
    `${t.requests} requests (${t.retries} retries), ${t.requestsPerSecond.toFixed(1)} req/s\n`;
  for (const g of evaluation.groups) {
    const em = g.metrics.exact_match;
    if (em) {
      text += `${g.family} ${JSON.stringify(g.difficulty)}: exact_match ${em.mean.toFixed(3)} [${em.lo.toFixed(3)}, ${em.hi.toFixed(3)}] (n=${g.n})\n`;
    }
  }
  return text;
}
