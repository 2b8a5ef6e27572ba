import type { Estimate, TaskInstance } from "@emerge/tasks";
import { type EvaluationResult, evaluate, openCache, type Progress, progressBar } from "@emerge/tasks/node";
import type { ModelSpec, StudyOptions } from "./args.js";
import { type Suite, type SuiteName, suites } from "./suites.js";

/** Scores of one model on one suite at one difficulty level. */
export interface LevelScore {
  readonly level: number;
  /** Instances answered (errors excluded). */
  readonly n: number;
  /** Instances whose request failed (asked again by the next run). */
  readonly errors: number;
  /** Exact match after answer extraction, with a bootstrap 95% interval. */
  readonly exactMatch: Estimate | null;
  /** Per-character accuracy of the extracted answer: the continuous view (Schaeffer et al. 2023). */
  readonly tokenAccuracy: Estimate | null;
  /** Character edit distance of the extracted answer to the reference. */
  readonly editDistance: Estimate | null;
}

/** One model on one suite. */
export interface SuiteRun {
  readonly suite: SuiteName;
  readonly model: ModelSpec;
  readonly levels: readonly LevelScore[];
  readonly results: readonly EvaluationResult[];
  readonly requests: number;
  readonly cached: number;
}

/** Everything a study measured. */
export interface StudyData {
  readonly runs: readonly SuiteRun[];
  /** HTTP requests made in this run (0 when every answer came from the cache). */
  readonly requests: number;
  readonly cached: number;
  readonly errors: number;
  readonly elapsedMs: number;
}

/** The instances of a suite at every level, in level order. */
export function suiteInstances(
  suite: Suite,
  options: StudyOptions,
): { level: number; instances: TaskInstance[] }[] {
  const levels = options.levels[suite.name] ?? suite.levels;
  return levels.map((level) => ({
    level,
    instances: suite.instances(level, options.n, options.shots, options.seed),
  }));
}

/** Options of {@link runStudy} that are about the process, not the study. */
export interface StudyIO {
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
  /** Live progress of one evaluation (a carriage-return bar on a TTY). */
  readonly progress?: (label: string, p: Progress) => void;
  readonly signal?: AbortSignal;
}

/**
 * Evaluate every model on every suite and level through `@emerge/tasks`' `evaluate()`, with one
 * shared JSONL cache: answers already in it are not asked again, so an interrupted run resumes
 * where it stopped and a finished one re-renders its report without a single request.
 */
export async function runStudy(options: StudyOptions, io: StudyIO = {}): Promise<StudyData> {
  const started = Date.now();
  const cache = openCache(options.cache);
  if (cache.skippedLines > 0)
    io.log?.(`cache: skipped ${cache.skippedLines} unreadable line(s) in ${options.cache}`);
  const runs: SuiteRun[] = [];
  let requests = 0;
  let cached = 0;
  let errors = 0;
  try {
    for (const model of options.models) {
      const baseURL = model.endpoint ?? options.endpoint;
      if (baseURL === undefined) throw new Error(`no endpoint for model "${model.name}"`);
      for (const name of options.suites) {
        const suite = suites[name];
        const byLevel = suiteInstances(suite, options);
        const tasks = byLevel.flatMap((l) => l.instances);
        const label = `${model.name} · ${suite.name}`;
        const evaluation = await evaluate(
          tasks,
          { baseURL, model: model.name, api: options.api, apiKeyEnv: options.apiKeyEnv },
          {
            cache,
            concurrency: options.concurrency,
            retries: options.retries,
            timeoutMs: options.timeoutMs,
            maxTokens: suite.maxTokens,
            stop: suite.stop,
            scorer: suite.scorer,
            ...(io.progress ? { onProgress: (p: Progress) => io.progress?.(label, p) } : {}),
            ...(io.signal ? { signal: io.signal } : {}),
          },
        );
        requests += evaluation.totals.requests;
        cached += evaluation.totals.cached;
        errors += evaluation.totals.errors;
        // Results come back in input order: slice them by level.
        let offset = 0;
        const levels: LevelScore[] = byLevel.map(({ level, instances }) => {
          const slice = evaluation.results.slice(offset, offset + instances.length);
          offset += instances.length;
          const group = evaluation.groups.find(
            (g) => g.family === instances[0]?.family && sameLevel(g.difficulty, suite, level),
          );
          return {
            level,
            n: slice.filter((r) => r.error === null).length,
            errors: slice.filter((r) => r.error !== null).length,
            exactMatch: group?.metrics.exact_match ?? null,
            tokenAccuracy: group?.metrics.token_accuracy ?? null,
            editDistance: group?.metrics.edit_distance ?? null,
          };
        });
        io.log?.(
          `${label}: ${levels.map((l) => `${suite.difficulty.key} ${l.level} ${fmt(l.exactMatch)}`).join(", ")}` +
            ` (${evaluation.totals.requests} requests, ${evaluation.totals.cached} cached, ${evaluation.totals.errors} errors)`,
        );
        runs.push({
          suite: name,
          model,
          levels,
          results: evaluation.results,
          requests: evaluation.totals.requests,
          cached: evaluation.totals.cached,
        });
      }
    }
  } finally {
    cache.close();
  }
  return { runs, requests, cached, errors, elapsedMs: Date.now() - started };
}

function sameLevel(difficulty: Readonly<Record<string, unknown>>, suite: Suite, level: number): boolean {
  return difficulty[suite.difficulty.key] === level;
}

const fmt = (e: Estimate | null) => (e === null ? "–" : e.mean.toFixed(2));

/** The default progress renderer: one rewritten line on stderr. */
export function stderrProgress(label: string, p: Progress): void {
  process.stderr.write(`\r${label}  ${progressBar(p)}${p.done === p.total ? "\n" : ""}`);
}
