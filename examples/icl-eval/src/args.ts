import { join } from "node:path";
import { parseArgs } from "node:util";
import { type SuiteName, suiteNames } from "./suites.js";

/** A bad command line: the message says which flag and why; `code` is stable for scripts. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly code = "USAGE";
}

/** One model to evaluate, with its parameter count when known (enables the vs-size analysis). */
export interface ModelSpec {
  readonly name: string;
  readonly size?: number;
  /** This model's own server, when it is not `--endpoint` (e.g. one vLLM server per model). */
  readonly endpoint?: string;
}

/** Everything a study run needs, validated. */
export interface StudyOptions {
  /** OpenAI-compatible base URL including `/v1`; absent for `--dry-run` or when every model has its own. */
  readonly endpoint?: string;
  readonly models: readonly ModelSpec[];
  /** Environment variable holding the API key (never the key itself). */
  readonly apiKeyEnv: string;
  readonly api: "completions" | "chat";
  readonly suites: readonly SuiteName[];
  /** Instances per difficulty level. */
  readonly n: number;
  /** Few-shot exemplars per prompt. */
  readonly shots: number;
  readonly seed: number;
  readonly out: string;
  readonly cache: string;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retries: number;
  /** Difficulty levels per suite (override the defaults). */
  readonly levels: Partial<Record<SuiteName, readonly number[]>>;
  /** Bootstrap replicates of emergence()'s threshold interval (0 skips it). */
  readonly bootstrap: number;
  readonly dryRun: boolean;
  readonly quiet: boolean;
}

export const usage = `Usage: icl-eval --endpoint URL --model NAME[=SIZE][@URL] [--model …] [options]

Few-shot and chain-of-thought tasks from @emerge/tasks at several difficulties, against any
OpenAI-compatible endpoint (llama.cpp server, vLLM, Ollama, OpenAI). Writes an HTML report with
accuracy vs difficulty (and vs model size when sizes are given), fitted with @emerge/fit.

  --endpoint URL        base URL with the version prefix, e.g. http://127.0.0.1:8080/v1
  --model NAME[=SIZE][@URL]
                        model name as the server knows it; repeat for several models; SIZE is the
                        parameter count (7B, 350M, 1.3e9) and enables the emergence-vs-size fit;
                        @URL sends this model's requests to its own server instead of --endpoint
  --api-key-env VAR     environment variable holding the API key (default OPENAI_API_KEY; unset is fine)
  --api KIND            completions (default; raw prompts, best for base models) or chat
  --suites LIST         comma-separated: ${suiteNames.join(", ")} (default: all)
  --digits LIST         arithmetic operand digits (default 2,3,4,5)
  --depth LIST          multistep-arithmetic nesting depths (default 1,2,3)
  --steps LIST          coin-flip people (default 1,2,3,4,5,6; exemplars use 2)
  --n N                 instances per difficulty level (default 20)
  --shots K             few-shot exemplars per prompt (default 4)
  --seed S              seed of instances and exemplars (default 0)
  --out DIR             output directory (default out)
  --cache FILE          response cache, JSONL (default DIR/cache.jsonl): reruns resume from it
  --concurrency N       requests in flight (default 4)
  --timeout-ms MS       per-request timeout (default 120000)
  --retries N           retries on 429/5xx/timeouts (default 5)
  --bootstrap N         bootstrap replicates for the emergence threshold's interval (default 400)
  --dry-run             print every prompt that would be sent, and exit (no endpoint needed)
  --quiet               no progress output
  -h, --help            this text
`;

const multipliers: Record<string, number> = { "": 1, k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };

/**
 * Parse a parameter count: `7B`, `350M`, `1.3e9`, `125m`, `70b`.
 *
 * @example
 * ```ts
 * parseSize("1.3B"); // 1_300_000_000
 * ```
 */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([kmbgt]?)\s*$/i.exec(text);
  const value = m ? Number(m[1]) * (multipliers[(m[2] ?? "").toLowerCase()] as number) : Number.NaN;
  if (!(Number.isFinite(value) && value > 0)) {
    throw new UsageError(`model size must be a positive number like 7B, 350M or 1.3e9, got "${text}"`);
  }
  return value;
}

function checkEndpoint(flag: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag} must be a URL like http://127.0.0.1:8080/v1, got "${text}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`${flag} must be http(s), got "${text}"`);
  return text;
}

/**
 * `NAME`, `NAME=SIZE`, and either with `@URL` (this model's own server). The last `=` before the
 * URL splits off the size, so names such as Ollama's `qwen2.5:0.5b` work as they are.
 *
 * @example
 * ```ts
 * parseModel("qwen2.5:7b=7.6B"); // { name: "qwen2.5:7b", size: 7.6e9 }
 * parseModel("Qwen/Qwen2.5-7B=7.6B@http://127.0.0.1:8001/v1");
 * ```
 */
export function parseModel(text: string): ModelSpec {
  const at = text.search(/@https?:\/\//i);
  const spec = at < 0 ? text : text.slice(0, at);
  const endpoint = at < 0 ? undefined : checkEndpoint("--model …@URL", text.slice(at + 1));
  const i = spec.lastIndexOf("=");
  const name = (i < 0 ? spec : spec.slice(0, i)).trim();
  if (name === "") throw new UsageError(`--model needs a name, got "${text}"`);
  return {
    name,
    ...(i < 0 ? {} : { size: parseSize(spec.slice(i + 1)) }),
    ...(endpoint === undefined ? {} : { endpoint }),
  };
}

function intList(flag: string, text: string, min: number, max: number): number[] {
  const values = text.split(",").map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < min || v > max)) {
    throw new UsageError(
      `--${flag} must be comma-separated whole numbers from ${min} to ${max}, got "${text}"`,
    );
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

function int(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isSafeInteger(v) || v < min)
    throw new UsageError(`--${flag} must be a whole number ≥ ${min}, got "${text}"`);
  return v;
}

/**
 * Parse and validate the command line. Returns `"help"` for `--help`.
 *
 * @example
 * ```ts
 * parseStudyArgs(["--endpoint", "http://127.0.0.1:8080/v1", "--model", "qwen=0.5B"]);
 * ```
 */
export function parseStudyArgs(argv: readonly string[]): StudyOptions | "help" {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return "help";
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  const dryRun = v["dry-run"] ?? false;
  const models = (v.model ?? []).map(parseModel);
  const names = new Set<string>();
  for (const m of models) {
    if (names.has(m.name)) throw new UsageError(`--model "${m.name}" is given twice`);
    names.add(m.name);
  }
  if (v.endpoint !== undefined) checkEndpoint("--endpoint", v.endpoint);
  if (!dryRun) {
    if (models.length === 0) throw new UsageError("at least one --model is required");
    const orphan = models.find((m) => m.endpoint === undefined && v.endpoint === undefined);
    if (orphan)
      throw new UsageError(`--endpoint is required (or use --dry-run, or give "${orphan.name}@URL")`);
  }
  const api = v.api ?? "completions";
  if (api !== "completions" && api !== "chat")
    throw new UsageError(`--api must be completions or chat, got "${api}"`);
  const suites = (v.suites ?? suiteNames.join(",")).split(",").map((s) => s.trim()) as SuiteName[];
  for (const s of suites) {
    if (!suiteNames.includes(s))
      throw new UsageError(`unknown suite "${s}"; known: ${suiteNames.join(", ")}`);
  }
  const levels: Partial<Record<SuiteName, readonly number[]>> = {};
  if (v.digits !== undefined) levels.arithmetic = intList("digits", v.digits, 1, 30);
  if (v.depth !== undefined) levels["multistep-arithmetic"] = intList("depth", v.depth, 1, 6);
  if (v.steps !== undefined) levels["coin-flip"] = intList("steps", v.steps, 1, 40);
  const apiKeyEnv = v["api-key-env"] ?? "OPENAI_API_KEY";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(apiKeyEnv)) {
    throw new UsageError(`--api-key-env takes the NAME of an environment variable, got "${apiKeyEnv}"`);
  }
  const out = v.out ?? "out";
  return {
    ...(v.endpoint === undefined ? {} : { endpoint: v.endpoint }),
    models,
    apiKeyEnv,
    api,
    suites: [...new Set(suites)],
    n: int("n", v.n, 20, 1),
    shots: int("shots", v.shots, 4, 0),
    seed: int("seed", v.seed, 0, 0),
    out,
    cache: v.cache ?? join(out, "cache.jsonl"),
    concurrency: int("concurrency", v.concurrency, 4, 1),
    timeoutMs: int("timeout-ms", v["timeout-ms"], 120_000, 1),
    retries: int("retries", v.retries, 5, 0),
    levels,
    bootstrap: int("bootstrap", v.bootstrap, 400, 0),
    dryRun,
    quiet: v.quiet ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      endpoint: { type: "string" },
      model: { type: "string", multiple: true },
      "api-key-env": { type: "string" },
      api: { type: "string" },
      suites: { type: "string" },
      digits: { type: "string" },
      depth: { type: "string" },
      steps: { type: "string" },
      n: { type: "string" },
      shots: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      cache: { type: "string" },
      concurrency: { type: "string" },
      "timeout-ms": { type: "string" },
      retries: { type: "string" },
      bootstrap: { type: "string" },
      "dry-run": { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
