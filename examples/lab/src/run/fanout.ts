import { fileURLToPath } from "node:url";
import {
  collect,
  configHash,
  directoryStore,
  type JsonObject,
  type JsonValue,
  type RunRecord,
  runLocal,
  type SweepEvent,
  type SweepJob,
  startWorker,
  submit,
} from "@emerge/sweep";
import labJob, { type LabMemberConfig } from "./job.js";

/** Where and how members are trained. */
export interface FanoutOptions {
  /** Results directory: one record per config hash, so a rerun trains only what is missing. */
  readonly resultsDir: string;
  /** Training processes at once (default: @emerge/sweep's, one per core). */
  readonly concurrency?: number;
  /** BullMQ/Redis instead of the local pool: queue the members, work here until drained. */
  readonly redis?: string;
  /** Sweep name on Redis (default "lab"). */
  readonly name?: string;
  readonly onProgress?: (message: string) => void;
  /**
   * Train in this process instead of child processes. Default: only when this process could not
   * load the TypeScript job module in a child (no tsx loader, e.g. under vitest).
   */
  readonly inProcess?: boolean;
  /** Train nothing: return only the members already in the cache (a partial family, reported as such). */
  readonly cachedOnly?: boolean;
}

/** What a fan-out ran. */
export interface FanoutReport<R> {
  readonly results: readonly { readonly config: LabMemberConfig; readonly result: R }[];
  /** Members trained now and members found in the cache. */
  readonly ran: number;
  readonly cached: number;
  readonly wallS: number;
}

/** A short human name of a member, for progress lines. */
export function memberName(c: LabMemberConfig): string {
  const m = `${c.model.layers}×${c.model.dModel}`;
  return c.task === "addition"
    ? `${c.style} ${c.digits}-digit ${m} seed ${c.seed}`
    : `icl d=${c.dims} ${m} seed ${c.seed}`;
}

/** The job module, as a file path the sweep's child processes (or remote workers) import. */
export const LAB_JOB_MODULE = fileURLToPath(new URL("./job.ts", import.meta.url));

function describe(event: SweepEvent, names: ReadonlyMap<string, string>): string | null {
  const name = names.get(event.id) ?? event.id;
  if (event.type === "fail") return `${name} failed: ${event.error.message}`;
  if (event.type === "done") return `${name} trained in ${event.wall_s.toFixed(1)} s`;
  return null;
}

/**
 * Train every member over `@emerge/sweep`: a local pool of child processes by default, BullMQ workers
 * when `redis` is given. Results are keyed by the config hash (first-write-wins), so an interrupted or
 * grown study trains only the members it does not have yet.
 *
 * @example
 * ```ts
 * const { results, cached } = await fanOut(configs, { resultsDir: "out/lab/members" });
 * ```
 */
export async function fanOut<R>(
  configs: readonly LabMemberConfig[],
  options: FanoutOptions,
): Promise<FanoutReport<R>> {
  const t0 = performance.now();
  let jobs: SweepJob[] = configs.map((config, index) => ({
    id: configHash(config as unknown as JsonObject),
    index,
    config: config as unknown as JsonObject,
  }));
  if (options.cachedOnly) {
    const store = directoryStore(options.resultsDir);
    const have = await Promise.all(jobs.map((j) => store.has(j.id)));
    jobs = jobs.filter((_, i) => have[i]);
  }
  const ids = new Set(jobs.map((j) => j.id));
  const names = new Map(jobs.map((j) => [j.id, memberName(j.config as unknown as LabMemberConfig)]));
  const onEvent = (event: SweepEvent) => {
    const line = describe(event, names);
    if (line) options.onProgress?.(line);
  };
  let records: RunRecord[];
  let ran: number;
  let cached: number;
  if (options.redis) {
    const where = { redis: options.redis, name: options.name ?? "lab" };
    const submitted = await submit(jobs, where);
    options.onProgress?.(`redis: ${submitted.added} queued, ${submitted.done} already done`);
    const worker = await startWorker({
      ...where,
      job: { module: LAB_JOB_MODULE },
      workDir: `${options.resultsDir}/work`,
      concurrency: options.concurrency ?? 1,
      exitWhenDrained: true,
      onEvent,
    });
    await worker.done;
    // The workers' results live in Redis; read them back through the same store the CLI's collect uses.
    const { redisResults } = await import("./redis-results.js");
    records = await collect(await redisResults(where), ids);
    ran = submitted.added;
    cached = submitted.done;
  } else {
    const store = directoryStore(options.resultsDir);
    const childrenCanLoad = LAB_JOB_MODULE.endsWith(".js") || process.execArgv.some((a) => a.includes("tsx"));
    const inProcess = options.inProcess ?? !childrenCanLoad;
    const report = await runLocal(
      jobs,
      inProcess
        ? async (config, ctx) => (await labJob(config, ctx)) as JsonValue
        : { module: LAB_JOB_MODULE },
      {
        store,
        workDir: `${options.resultsDir}/work`,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        onEvent,
      },
    );
    if (report.failed.length > 0) {
      throw new Error(
        `${report.failed.length} lab members failed: ${report.failed.map((f) => f.error.message).join("; ")}`,
      );
    }
    records = report.records;
    ran = report.ran;
    cached = report.skipped;
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  const results = jobs.map((j) => {
    const r = byId.get(j.id);
    if (!r) throw new Error(`no result for lab member ${j.id}`);
    return { config: j.config as unknown as LabMemberConfig, result: r.result as R };
  });
  return { results, ran, cached, wallS: (performance.now() - t0) / 1000 };
}
