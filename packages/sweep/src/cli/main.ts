import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SweepError } from "../errors.js";
import { type JobModule, parseJobModule } from "../job/job-function.js";
import { redactRedisUrl } from "../queue/redis-url.js";
import { runLocal } from "../run/run-local.js";
import { indexFromEnv, parseIndex, selectIndex } from "../run/select-index.js";
import type { SweepEvent } from "../run/sweep-event.js";
import { expandSweep, type SweepJob } from "../spec/expand-sweep.js";
import { validateSweepSpec } from "../spec/sweep-spec.js";
import { directoryStore } from "../store/directory-store.js";
import { collect, writeResults } from "../table/write-results.js";

// The queue side (bullmq, ioredis) loads only for the commands that use it: local and --index runs
// start faster and work where those packages are not installed.
const queue = () => import("./queue-commands.js");

export const USAGE = `emerge-sweep: run sweeps of a pure job function locally, over BullMQ + Redis, or as array tasks.

  emerge-sweep expand  <spec.json>                      print the jobs (JSON lines: id, index, config)
  emerge-sweep run     <spec.json> [--out DIR] [--concurrency N] [--attempts N]
                       [--index N|env [--stride M]]     local pool; with --redis: submit, work here, collect
  emerge-sweep submit  <spec.json> --redis URL [--name NAME] [--attempts N] [--backoff-ms MS]
  emerge-sweep worker  --redis URL [--name NAME] [--concurrency N] [--work-dir DIR] [--exit-when-drained]
  emerge-sweep status  --redis URL [--name NAME] [--json]
  emerge-sweep collect (--redis URL [--name NAME] | --results DIR) --out DIR [--spec spec.json]

Common: --job MODULE[#export] (default: the grokking job, @emerge/sweep/grok), --redis defaults to
$REDIS_URL, --quiet. --index env reads JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm).
Exit status: 0 done, 1 some jobs failed, 2 bad input or unreachable Redis.`;

const OPTIONS = {
  out: { type: "string" },
  results: { type: "string" },
  spec: { type: "string" },
  job: { type: "string" },
  concurrency: { type: "string" },
  attempts: { type: "string" },
  "backoff-ms": { type: "string" },
  index: { type: "string" },
  stride: { type: "string" },
  redis: { type: "string" },
  name: { type: "string" },
  prefix: { type: "string" },
  "work-dir": { type: "string" },
  "exit-when-drained": { type: "boolean" },
  "lock-ms": { type: "string" },
  "stalled-ms": { type: "string" },
  "timeout-ms": { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Out = { log(line: string): void; error(line: string): void };

/**
 * Run the `emerge-sweep` command line; resolves to the exit status. Never throws for bad input: typed
 * errors are printed as `emerge-sweep: CODE: message` with status 2.
 */
export async function main(argv: readonly string[], io: Out = defaultIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof SweepError) {
      io.error(`emerge-sweep: ${error.code}: ${error.message}`);
      return 2;
    }
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.error(`emerge-sweep: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.error(`emerge-sweep: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

const defaultIo: Out = {
  log: (l) => process.stdout.write(`${l}\n`),
  error: (l) => process.stderr.write(`${l}\n`),
};

async function dispatch(argv: readonly string[], io: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
  const [command, specPath] = positionals;
  if (values.help || !command) {
    io.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const int = (name: keyof typeof values, fallback?: number): number | undefined => {
    const text = values[name];
    if (text === undefined) return fallback;
    if (typeof text !== "string" || !/^\d+$/.test(text)) {
      throw new SweepError("INVALID_OPTION", `--${name} must be a non-negative integer, got "${text}"`);
    }
    return Number(text);
  };
  const redis = values.redis ?? process.env.REDIS_URL;
  const location = () => {
    if (!redis)
      throw new SweepError("INVALID_OPTION", `${command} needs --redis redis://host:port (or REDIS_URL)`);
    return {
      redis,
      ...(values.name ? { name: values.name } : {}),
      ...(values.prefix ? { prefix: values.prefix } : {}),
      ...(values["timeout-ms"] ? { timeoutMs: int("timeout-ms")! } : {}),
    };
  };
  const jobs = async (): Promise<SweepJob[]> => {
    const path = command === "collect" ? values.spec : specPath;
    if (!path) throw new SweepError("INVALID_OPTION", `${command} needs a sweep spec file`);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      throw new SweepError("INVALID_SPEC", `cannot read ${path}: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new SweepError("INVALID_SPEC", `${path} is not JSON: ${(error as Error).message}`);
    }
    return expandSweep(validateSweepSpec(parsed));
  };
  const log = values.quiet ? () => {} : io.error;

  switch (command) {
    case "expand": {
      for (const job of await jobs()) io.log(JSON.stringify(job));
      return 0;
    }
    case "run": {
      const all = await jobs();
      const out = resolve(values.out ?? "sweep-out");
      const workDir = resolve(values["work-dir"] ?? join(out, "checkpoints"));
      const job = jobModule(values.job);
      if (redis) {
        const { submit, startWorker } = await queue();
        const where = location();
        const submitted = await submit(all, { ...where, ...retryOptions(int) });
        log(
          `submitted: ${submitted.added} queued, ${submitted.done} already done, ${submitted.queued} already queued`,
        );
        const worker = await startWorker({
          ...where,
          job,
          workDir,
          concurrency: int("concurrency", 1)!,
          exitWhenDrained: true,
          onEvent: reporter(log, all.length),
        });
        await worker.done;
        return await collectTo(redisResults(where), all, out, io);
      }
      let selected = all;
      if (values.index !== undefined) {
        const index = values.index === "env" ? indexFromEnv() : parseIndex(values.index);
        selected = selectIndex(all, index, values.stride === undefined ? undefined : int("stride"));
      }
      const store = directoryStore(out);
      const report = await runLocal(selected, job, {
        store,
        workDir,
        ...(values.concurrency ? { concurrency: int("concurrency")! } : {}),
        attempts: int("attempts", 1)!,
        ...(values["backoff-ms"] ? { backoffMs: int("backoff-ms")! } : {}),
        onEvent: reporter(log, selected.length),
      });
      log(
        `ran ${report.ran}, skipped ${report.skipped}, failed ${report.failed.length} in ${report.wall_s.toFixed(1)} s`,
      );
      if (values.index === undefined) await collectTo(store, all, out, io);
      return report.failed.length ? 1 : 0;
    }
    case "submit": {
      const { submit } = await queue();
      const report = await submit(await jobs(), { ...location(), ...retryOptions(int) });
      io.log(values.json ? JSON.stringify(report) : formatSubmit(report));
      return 0;
    }
    case "worker": {
      const { startWorker } = await queue();
      const worker = await startWorker({
        ...location(),
        job: jobModule(values.job),
        workDir: resolve(values["work-dir"] ?? "sweep-work"),
        concurrency: int("concurrency", 1)!,
        exitWhenDrained: values["exit-when-drained"] ?? false,
        ...(values["lock-ms"] ? { lockDurationMs: int("lock-ms")! } : {}),
        ...(values["stalled-ms"] ? { stalledIntervalMs: int("stalled-ms")! } : {}),
        onEvent: reporter(log),
      });
      log(`worker ready: ${values.name ?? "sweep"} on ${where(values)}`);
      let signals = 0;
      const stop = () => {
        signals++;
        log(signals === 1 ? "stopping after running jobs finish (signal again to stop now)" : "stopping now");
        void worker.close(signals > 1);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      const report = await worker.done;
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      log(
        `worker done: ${report.completed} stored, ${report.duplicates} duplicates, ${report.skipped} skipped, ${report.failedAttempts} failed attempts`,
      );
      return 0;
    }
    case "status": {
      const { status } = await queue();
      const s = await status(location());
      if (values.json) io.log(JSON.stringify(s));
      else {
        io.log(
          `${s.name}: ${s.done}/${s.total} done, ${s.active} running, ${s.waiting} waiting, ${s.delayed} retrying, ${s.failed} failed`,
        );
        for (const r of s.running) {
          const p = r.progress;
          io.log(
            `  running ${r.id} (#${r.index}, attempt ${r.attempt})${p ? `: step ${p.step}${p.total ? `/${p.total}` : ""}` : ""}`,
          );
        }
        for (const f of s.failures)
          io.log(`  failed ${f.id} (#${f.index}) after ${f.attempts} attempts: ${f.reason}`);
      }
      return 0;
    }
    case "collect": {
      if (!values.out) throw new SweepError("INVALID_OPTION", "collect needs --out DIR");
      const sweepJobs = values.spec ? await jobs() : undefined;
      if (values.results)
        return await collectTo(directoryStore(resolve(values.results)), sweepJobs, resolve(values.out), io);
      return await collectTo(redisResults(location()), sweepJobs, resolve(values.out), io);
    }
    default:
      throw new SweepError("INVALID_OPTION", `unknown command "${command}"\n\n${USAGE}`);
  }
}

function where(values: { redis?: string | undefined }): string {
  return redactRedisUrl(values.redis ?? process.env.REDIS_URL ?? "");
}

function retryOptions(int: (name: "attempts" | "backoff-ms", fallback?: number) => number | undefined) {
  const attempts = int("attempts");
  const backoffMs = int("backoff-ms");
  return {
    ...(attempts !== undefined ? { attempts } : {}),
    ...(backoffMs !== undefined ? { backoffMs } : {}),
  };
}

/** The CLI's default job: grokking through `@emerge/grok`, loaded only when a job runs. */
function jobModule(text: string | undefined): JobModule {
  if (text) return parseJobModule(text);
  try {
    return { module: import.meta.resolve("@emerge/sweep/grok") };
  } catch {
    return { module: "@emerge/sweep/grok" };
  }
}

function redisResults(location: { redis: string; name?: string; prefix?: string; timeoutMs?: number }) {
  return {
    async open() {
      const { checkRedis, redisClient, redisStore, sweepKeys } = await queue();
      await checkRedis(location.redis, location.timeoutMs);
      return redisStore(redisClient(location.redis), sweepKeys(location).results, { ownsClient: true });
    },
  };
}

async function collectTo(
  source: ReturnType<typeof directoryStore> | { open(): Promise<ReturnType<typeof directoryStore>> },
  jobs: readonly SweepJob[] | undefined,
  out: string,
  io: Out,
): Promise<number> {
  const store = "open" in source ? await source.open() : source;
  try {
    const records = await collect(store, jobs ? new Set(jobs.map((j) => j.id)) : undefined);
    const files = await writeResults(records, out);
    const missing = jobs ? jobs.length - records.length : 0;
    io.error(
      `collected ${records.length} runs${missing ? ` (${missing} not finished)` : ""} → ${files.jsonl}, ${files.csv}`,
    );
    return missing ? 1 : 0;
  } finally {
    await store.close();
  }
}

function formatSubmit(r: {
  total: number;
  added: number;
  done: number;
  queued: number;
  retried: number;
}): string {
  return `${r.total} jobs: ${r.added} queued, ${r.done} already done, ${r.queued} already queued, ${r.retried} failed ones re-queued`;
}

function reporter(log: (line: string) => void, total?: number) {
  let finished = 0;
  return (e: SweepEvent) => {
    const tag = `${e.id} #${e.index}`;
    if (e.type === "done") {
      finished++;
      log(
        `[${total ? `${finished}/${total}` : finished}] done ${tag} in ${e.wall_s.toFixed(1)} s${e.duplicate ? " (duplicate, not stored)" : ""}`,
      );
    } else if (e.type === "skip") log(`skip ${tag}: already done`);
    else if (e.type === "retry")
      log(`retry ${tag} in ${e.delayMs} ms after attempt ${e.attempt}: ${e.error.message}`);
    else if (e.type === "fail") log(`FAILED ${tag} after attempt ${e.attempt}: ${e.error.message}`);
    else if (e.type === "start" && e.attempt > 1) log(`start ${tag} attempt ${e.attempt}`);
  };
}
