import { randomSource } from "@emerge/random";
import { TaskError } from "../errors.js";
import type { JsonValue, TaskInstance } from "../instance.js";
import { limits } from "../limits.js";
import { difficultyOf, type ScorerName, scoreOutput } from "../scoring/score.js";
import { type GroupSummary, summarize } from "../scoring/summary.js";
import {
  type CachedResponse,
  type CacheKeyParts,
  cacheKey,
  type Durability,
  openCache,
  type ResponseCache,
} from "./cache.js";
import { complete, endpointAuth, type GenerationParams, type ModelEndpoint, RequestError } from "./client.js";

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Requests in flight at once (default 8, at most 256). */
  concurrency?: number;
  /** Retries after the first attempt on 429, 5xx, timeouts, network errors and garbage (default 5, at most 20). */
  retries?: number;
  /** A JSONL cache path or an open cache; answered prompts are never asked again. */
  cache?: string | ResponseCache;
  /** Durability of cache writes (default `"fsync"`). */
  durability?: Durability;
  /** Per-request timeout in ms (default 60 000). */
  timeoutMs?: number;
  /** `max_tokens` (default 256). */
  maxTokens?: number;
  /** Stop sequences, sent to the server and also applied to the output client-side. */
  stop?: readonly string[];
  /** Keep at most this many trailing characters of each prompt (left truncation, as lm-eval). */
  maxPromptChars?: number;
  /** Answer extraction (default `"auto"`). */
  scorer?: ScorerName;
  /** First retry delay in ms (default 500), doubled per attempt with jitter, capped by `maxBackoffMs`. */
  backoffMs?: number;
  /** Longest wait between attempts (default 30 000, at most 600 000), also the cap on a Retry-After. */
  maxBackoffMs?: number;
  /**
   * Shortest wait between two attempts of one prompt (default 100 ms, at least 10): a server that
   * answers `Retry-After: 0` (or a tiny `backoffMs`) still cannot make the runner hammer it.
   */
  minBackoffMs?: number;
  /**
   * Largest response body read, in bytes (default 4 MiB, at most 256 MiB). A larger body is not
   * read further, not cached, and the instance fails with `RESPONSE_TOO_LARGE` (not retried).
   */
  maxResponseBytes?: number;
  /** Fields to group the summary by (default `["family", "difficulty"]`); see `summarize`. */
  groupBy?: readonly string[];
  /** Called after each instance finishes. */
  onProgress?: (p: Progress) => void;
  /** Stops the run; finished answers stay in the cache. */
  signal?: AbortSignal;
}

/** Progress of a run. */
export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly cached: number;
  readonly errors: number;
  readonly requests: number;
  readonly elapsedMs: number;
}

/** The result of one instance. */
export interface EvaluationResult {
  readonly id: string;
  readonly family: string;
  readonly difficulty: Readonly<Record<string, string | number | boolean | null>>;
  /** The prompt as sent (after truncation). */
  readonly prompt: string;
  readonly target: string;
  readonly answer: string;
  /** The model's output, cut at the first stop sequence; `null` after an error. */
  readonly output: string | null;
  readonly extracted: string | null;
  /** Metric values; empty after an error. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Whether the answer came from the cache (no request made). */
  readonly cached: boolean;
  /** Requests made for this instance (0 when cached or coalesced with an identical prompt). */
  readonly attempts: number;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly meta: { readonly [key: string]: JsonValue };
}

/** What {@link evaluate} returns. */
export interface Evaluation {
  readonly results: readonly EvaluationResult[];
  readonly groups: readonly GroupSummary[];
  readonly totals: {
    readonly instances: number;
    readonly cached: number;
    readonly requests: number;
    readonly retries: number;
    readonly errors: number;
    readonly elapsedMs: number;
    /** Requests completed per second of wall time. */
    readonly requestsPerSecond: number;
  };
}

function checkInt(name: string, v: number, min: number, max: number): void {
  if (!Number.isSafeInteger(v) || v < min)
    throw new TaskError("INVALID_ARGUMENT", `${name} must be an integer ≥ ${min}, got ${String(v)}`);
  if (v > max) throw new TaskError("LIMIT_EXCEEDED", `${name} must be at most ${max}, got ${String(v)}`);
}

/** Cut text at the first occurrence of any stop sequence. */
export function cutAtStop(text: string, stop: readonly string[]): string {
  let end = text.length;
  for (const s of stop) {
    if (s === "") continue;
    const i = text.indexOf(s);
    if (i >= 0 && i < end) end = i;
  }
  return text.slice(0, end);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Evaluate instances against an OpenAI-compatible endpoint with greedy decoding: bounded
 * concurrency, exponential backoff with jitter on 429/5xx/timeouts/garbage (honouring
 * Retry-After), and an append-only JSONL cache keyed by (model, prompt, params), so an interrupted
 * run resumes without asking anything already answered and without losing any answer. Failed
 * instances are reported (not cached) and are asked again by the next run.
 *
 * @example
 * ```ts
 * import { arithmetic } from "@emerge/tasks";
 * import { evaluate } from "@emerge/tasks/node";
 * const tasks = arithmetic({ op: "add", digits: 3, n: 100, seed: 0 });
 * const run = await evaluate(tasks, { baseURL: "http://127.0.0.1:8080/v1", model: "local" }, {
 *   concurrency: 8, retries: 5, cache: "runs/cache.jsonl", stop: ["\n"], maxTokens: 16,
 * });
 * console.log(run.groups[0]?.metrics.exact_match);
 * ```
 */
export async function evaluate(
  tasks: readonly TaskInstance[],
  model: ModelEndpoint,
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const {
    concurrency = 8,
    retries = 5,
    timeoutMs = 60_000,
    maxTokens = 256,
    stop = [],
    scorer = "auto",
    backoffMs = 500,
    maxBackoffMs = 30_000,
    minBackoffMs = limits.defaultMinBackoffMs,
    maxResponseBytes = limits.defaultResponseBytes,
    signal,
  } = options;
  // Every bound is checked before the cache is opened or a request made.
  if (!Array.isArray(tasks)) throw new TaskError("INVALID_ARGUMENT", "tasks must be an array of instances");
  if (tasks.length > limits.maxEvalInstances) {
    throw new TaskError(
      "LIMIT_EXCEEDED",
      `an evaluation holds at most ${limits.maxEvalInstances} instances, got ${tasks.length}`,
    );
  }
  tasks.forEach((t, i) => {
    const ok =
      t !== null &&
      typeof t === "object" &&
      typeof t.id === "string" &&
      typeof t.family === "string" &&
      typeof t.prompt === "string" &&
      typeof t.target === "string" &&
      typeof t.answer === "string" &&
      t.meta !== null &&
      typeof t.meta === "object";
    if (!ok) {
      throw new TaskError(
        "INVALID_ARGUMENT",
        `tasks[${i}] must be an instance with string id, family, prompt, target, answer and an object meta`,
      );
    }
  });
  checkInt("concurrency", concurrency, 1, limits.maxConcurrency);
  checkInt("retries", retries, 0, limits.maxRetries);
  checkInt("timeoutMs", timeoutMs, 1, limits.maxTimeoutMs);
  checkInt("maxTokens", maxTokens, 1, limits.maxTokens);
  checkInt("backoffMs", backoffMs, 0, limits.maxBackoffMs);
  checkInt("maxBackoffMs", maxBackoffMs, 0, limits.maxBackoffMs);
  checkInt("minBackoffMs", minBackoffMs, limits.minBackoffFloorMs, limits.maxBackoffMs);
  checkInt("maxResponseBytes", maxResponseBytes, 1, limits.maxResponseBytes);
  if (options.maxPromptChars !== undefined)
    checkInt("maxPromptChars", options.maxPromptChars, 1, Number.MAX_SAFE_INTEGER);
  if (!model || typeof model.baseURL !== "string" || typeof model.model !== "string") {
    throw new TaskError("INVALID_ARGUMENT", "model needs a baseURL and a model name");
  }
  // Also validates the URL; every message the run keeps passes through this redactor.
  const { redact } = endpointAuth(model);
  const api = model.api ?? "completions";
  const params: GenerationParams = { maxTokens, stop };
  const keyParams = { max_tokens: maxTokens, stop: [...stop], temperature: 0, system: model.system ?? null };
  if (options.durability !== undefined && options.durability !== "fsync" && options.durability !== "write") {
    throw new TaskError(
      "INVALID_ARGUMENT",
      `durability must be "fsync" or "write", got ${String(options.durability)}`,
    );
  }
  const ownCache = typeof options.cache === "string";
  const cache: ResponseCache | undefined =
    typeof options.cache === "string" ? openCache(options.cache, options.durability) : options.cache;
  const jitter = randomSource("emerge-tasks/backoff");
  const started = Date.now();
  let requests = 0;
  let answered = 0;
  let retriesUsed = 0;
  let done = 0;
  let cachedCount = 0;
  let errors = 0;
  const inFlight = new Map<string, Promise<{ response: CachedResponse; attempts: number }>>();

  const ask = async (parts: CacheKeyParts): Promise<{ response: CachedResponse; attempts: number }> => {
    let attempt = 0;
    for (;;) {
      if (signal?.aborted) throw new RequestError("ABORTED", "evaluation aborted", false);
      attempt++;
      requests++;
      try {
        const response = await complete(model, parts.prompt, params, timeoutMs, signal, { maxResponseBytes });
        answered++;
        return { response, attempts: attempt };
      } catch (e) {
        const err = e instanceof RequestError ? e : new RequestError("HTTP_ERROR", redact(String(e)), true);
        if (!err.retryable || attempt > retries) throw err;
        retriesUsed++;
        const exp = Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1)) * (0.5 + 0.5 * jitter.float());
        // Retry-After is a lower bound, not a licence to skip backoff: "0" must not mean no wait.
        const asked = err.retryAfter !== undefined ? Math.min(maxBackoffMs, err.retryAfter * 1000) : 0;
        await sleep(Math.max(minBackoffMs, asked, exp), signal);
      }
    }
  };

  const results: EvaluationResult[] = new Array(tasks.length);
  const runOne = async (index: number): Promise<void> => {
    const t = tasks[index] as TaskInstance;
    const prompt = options.maxPromptChars !== undefined ? t.prompt.slice(-options.maxPromptChars) : t.prompt;
    const parts: CacheKeyParts = { model: model.model, api, prompt, params: keyParams };
    const key = cacheKey(parts);
    const base = {
      id: t.id,
      family: t.family,
      difficulty: difficultyOf(t),
      prompt,
      target: t.target,
      answer: t.answer,
      meta: t.meta,
    };
    let response = cache?.get(key);
    let cached = response !== undefined;
    let attempts = 0;
    try {
      if (response === undefined) {
        let pending = inFlight.get(key);
        const leader = pending === undefined;
        if (pending === undefined) {
          pending = ask(parts);
          inFlight.set(key, pending);
        }
        try {
          const got = await pending;
          response = got.response;
          if (leader) {
            attempts = got.attempts;
            try {
              await cache?.put(key, parts, response);
            } catch (e) {
              throw new TaskError(
                "IO_ERROR",
                `could not write the cache: ${e instanceof Error ? e.message : String(e)}`,
                {
                  cause: e,
                },
              );
            }
          } else cached = true;
        } finally {
          if (leader) inFlight.delete(key);
        }
      }
      const output = cutAtStop(response.text, stop);
      const s = scoreOutput(t, output, scorer);
      results[index] = {
        ...base,
        output,
        extracted: s.extracted,
        metrics: s.metrics,
        cached,
        attempts,
        error: null,
      };
      if (cached) cachedCount++;
    } catch (e) {
      errors++;
      const err = e instanceof TaskError ? e : new TaskError("IO_ERROR", String(e));
      results[index] = {
        ...base,
        output: null,
        extracted: null,
        metrics: {},
        cached: false,
        attempts,
        error: { code: err.code, message: redact(err.message) },
      };
    }
    done++;
    options.onProgress?.({
      done,
      total: tasks.length,
      cached: cachedCount,
      errors,
      requests,
      elapsedMs: Date.now() - started,
    });
  };

  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      await runOne(i);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, tasks.length)) }, worker));
  } finally {
    if (ownCache) cache?.close();
  }
  const elapsedMs = Date.now() - started;
  const ok = results.filter((r) => r.error === null);
  const groups = summarize(
    ok.map((r) => ({
      family: r.family,
      difficulty: r.difficulty,
      model: model.model,
      meta: r.meta,
      metrics: r.metrics,
    })),
    options.groupBy !== undefined ? { groupBy: options.groupBy } : {},
  );
  return {
    results,
    groups,
    totals: {
      instances: tasks.length,
      cached: cachedCount,
      requests,
      retries: retriesUsed,
      errors,
      elapsedMs,
      requestsPerSecond: elapsedMs > 0 ? (answered * 1000) / elapsedMs : 0,
    },
  };
}
