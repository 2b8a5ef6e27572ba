import { readFile } from "node:fs/promises";
import { constants } from "node:os";
import { join, resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { SweepError } from "../errors.js";
import { type JobModule, parseJobModule } from "../job/job-function.js";
import { sweepLimits } from "../limits.js";
import { redactRedisUrl } from "../queue/redis-url.js";
import { runLocal } from "../run/run-local.js";
import { indexFromEnv, parseIndex, selectIndex } from "../run/select-index.js";
import type { SweepEvent } from "../run/sweep-event.js";
import { expandSweep, type SweepJob } from "../spec/expand-sweep.js";
import { validateSweepSpec } from "../spec/sweep-spec.js";
import { directoryStore } from "../store/directory-store.js";
import { collect, type ResultFiles, writeResults } from "../table/write-results.js";

// The queue side (bullmq, ioredis) loads only for the commands that use it: local and --index runs
// start faster and work where those packages are not installed.
const queue = () => import("./queue-commands.js");

const BIN = "emerge-sweep";

/** The package version `--version` prints. */
export const VERSION: string = packageJson.version;

/** Where the CLI writes: `log` a line to stdout (results), `error` a line to stderr (messages). */
export type Out = { log(line: string): void; error(line: string): void };

const defaultIo: Out = {
  log: (l) => process.stdout.write(`${l}\n`),
  error: (l) => process.stderr.write(`${l}\n`),
};

/**
 * A bad command line (missing spec, no Redis URL): one line `emerge-sweep: error: …`, exit 2, like
 * commander's own parse errors.
 */
class UsageError extends Error {
  override readonly name = "UsageError";
}

function intFlag(min: number, max: number) {
  return (value: string): number => {
    const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`must be an integer in [${min}, ${max}]`);
    }
    return n;
  };
}

const ms = () => intFlag(0, sweepLimits.maxDurationMs);
const concurrencyOption = (fallback?: number) => {
  const o = new Option("--concurrency <n>", `jobs at once (≤ ${sweepLimits.maxConcurrency})`).argParser(
    intFlag(1, sweepLimits.maxConcurrency),
  );
  return fallback === undefined ? o : o.default(fallback);
};
const attemptsOption = () =>
  new Option("--attempts <n>", `tries per job (≤ ${sweepLimits.maxAttempts})`).argParser(
    intFlag(1, sweepLimits.maxAttempts),
  );
const backoffOption = () =>
  new Option("--backoff-ms <ms>", "delay before the first retry, doubled after").argParser(ms());
const redisOption = () => new Option("--redis <url>", "Redis URL (default $REDIS_URL)");
const nameOption = () => new Option("--name <name>", "sweep name: the queue and results key (default sweep)");
const prefixOption = () => new Option("--prefix <prefix>", "Redis key prefix");
const timeoutOption = () => new Option("--timeout-ms <ms>", "how long to wait for Redis").argParser(ms());
const jobOption = () =>
  new Option("--job <module[#export]>", "job module (default: the grokking job, @emerge/sweep/grok)");
const quietOption = () => new Option("--quiet", "no progress lines on stderr");
const jsonOption = () => new Option("--json", "print the result as one JSON line on stdout");

interface QueueFlags {
  redis?: string;
  name?: string;
  prefix?: string;
  timeoutMs?: number;
}

function location(command: string, flags: QueueFlags) {
  const redis = flags.redis ?? process.env.REDIS_URL;
  if (!redis) throw new UsageError(`${command} needs --redis redis://host:port (or REDIS_URL)`);
  return {
    redis,
    ...(flags.name ? { name: flags.name } : {}),
    ...(flags.prefix ? { prefix: flags.prefix } : {}),
    ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
  };
}

async function readJobs(path: string): Promise<SweepJob[]> {
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
}

function program(io: Out, setCode: (code: number) => void): Command {
  const cli = new Command(BIN)
    .description(
      "Run sweeps of a pure job function locally, over BullMQ + Redis, or as array tasks (Kubernetes, Slurm).",
    )
    .version(VERSION, "-V, --version", "print the version and exit")
    .option("--debug", "print stack traces of errors")
    .exitOverride()
    .configureOutput({
      writeOut: (t) => io.log(t.replace(/\n$/, "")),
      // Commander writes to stderr only the full help after a missing command; report() prints one line instead.
      writeErr: () => {},
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      "after",
      "\nExit status: 0 done, 1 a typed error or some jobs failed, 2 a usage error.\n--index env reads JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm).",
    );
  const logger = (quiet: boolean | undefined) => (quiet ? () => {} : io.error);

  cli
    .command("expand")
    .description("print the jobs, one JSON line each (id, index, config)")
    .argument("<spec>", "sweep spec (JSON)")
    .addOption(jsonOption().default(false).hideHelp())
    .action(async (spec: string) => {
      for (const job of await readJobs(spec)) io.log(JSON.stringify(job));
    });

  cli
    .command("run")
    .description("run the sweep: a local pool; with --redis submit, work here and collect")
    .argument("<spec>", "sweep spec (JSON)")
    .option("--out <dir>", "results directory", "sweep-out")
    .option("--work-dir <dir>", "checkpoint directories (default <out>/checkpoints)")
    .addOption(concurrencyOption())
    .addOption(attemptsOption())
    .addOption(backoffOption())
    .option("--index <n|env>", "run only job n (or the scheduler's array index)")
    .addOption(
      new Option("--stride <m>", "with --index: jobs index, index+m, …").argParser(
        intFlag(1, sweepLimits.maxStride),
      ),
    )
    .addOption(redisOption())
    .addOption(nameOption())
    .addOption(prefixOption())
    .addOption(timeoutOption())
    .addOption(jobOption())
    .addOption(quietOption())
    .addOption(jsonOption())
    .action(
      async (
        specPath: string,
        flags: QueueFlags & {
          out: string;
          workDir?: string;
          concurrency?: number;
          attempts?: number;
          backoffMs?: number;
          index?: string;
          stride?: number;
          job?: string;
          quiet?: boolean;
          json?: boolean;
        },
      ) => {
        if (flags.stride !== undefined && flags.index === undefined)
          throw new UsageError("--stride needs --index");
        const index =
          flags.index === undefined
            ? undefined
            : flags.index === "env"
              ? indexFromEnv()
              : parseIndex(flags.index);
        const all = await readJobs(specPath);
        const log = logger(flags.quiet);
        const out = resolve(flags.out);
        const workDir = resolve(flags.workDir ?? join(out, "checkpoints"));
        const job = jobModule(flags.job);
        const redis = flags.redis ?? process.env.REDIS_URL;
        if (redis && index === undefined) {
          const { submit, startWorker } = await queue();
          const where = location("run", flags);
          const submitted = await submit(all, { ...where, ...retryOptions(flags) });
          log(
            `submitted: ${submitted.added} queued, ${submitted.done} already done, ${submitted.queued} already queued`,
          );
          const worker = await startWorker({
            ...where,
            job,
            workDir,
            concurrency: flags.concurrency ?? 1,
            exitWhenDrained: true,
            onEvent: reporter(log, all.length),
          });
          const report = await worker.done;
          const collected = await collectTo(redisResults(where), all, out, log);
          if (flags.json) io.log(JSON.stringify({ submitted, worker: report, ...collected }));
          setCode(collected.missing ? 1 : 0);
          return;
        }
        const selected = index === undefined ? all : selectIndex(all, index, flags.stride);
        const store = directoryStore(out);
        const report = await runLocal(selected, job, {
          store,
          workDir,
          ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
          attempts: flags.attempts ?? 1,
          ...(flags.backoffMs !== undefined ? { backoffMs: flags.backoffMs } : {}),
          onEvent: reporter(log, selected.length),
        });
        log(
          `ran ${report.ran}, skipped ${report.skipped}, failed ${report.failed.length} in ${report.wall_s.toFixed(1)} s`,
        );
        const collected = index === undefined ? await collectTo(store, all, out, log) : undefined;
        if (flags.json) {
          const { records: _records, ...summary } = report;
          io.log(JSON.stringify({ ...summary, ...(collected ? { collected } : {}) }));
        }
        setCode(report.failed.length || collected?.missing ? 1 : 0);
      },
    );

  cli
    .command("submit")
    .description("queue the sweep's jobs on Redis (finished ones are skipped, failed ones re-queued)")
    .argument("<spec>", "sweep spec (JSON)")
    .addOption(redisOption())
    .addOption(nameOption())
    .addOption(prefixOption())
    .addOption(timeoutOption())
    .addOption(attemptsOption())
    .addOption(backoffOption())
    .addOption(jsonOption())
    .action(
      async (
        specPath: string,
        flags: QueueFlags & { attempts?: number; backoffMs?: number; json?: boolean },
      ) => {
        const where = location("submit", flags);
        const jobs = await readJobs(specPath);
        const { submit } = await queue();
        const report = await submit(jobs, { ...where, ...retryOptions(flags) });
        io.log(flags.json ? JSON.stringify(report) : formatSubmit(report));
      },
    );

  cli
    .command("worker")
    .description("take jobs from the queue and run them until stopped (or drained)")
    .addOption(redisOption())
    .addOption(nameOption())
    .addOption(prefixOption())
    .addOption(timeoutOption())
    .addOption(jobOption())
    .option("--work-dir <dir>", "checkpoint directories", "sweep-work")
    .addOption(concurrencyOption(1))
    .option("--exit-when-drained", "exit once the queue is empty")
    .addOption(
      new Option("--lock-ms <ms>", "job lock duration (a dead worker's job is retried after it)").argParser(
        ms(),
      ),
    )
    .addOption(new Option("--stalled-ms <ms>", "how often stalled jobs are looked for").argParser(ms()))
    .addOption(quietOption())
    .addOption(jsonOption())
    .action(
      async (
        flags: QueueFlags & {
          job?: string;
          workDir: string;
          concurrency: number;
          exitWhenDrained?: boolean;
          lockMs?: number;
          stalledMs?: number;
          quiet?: boolean;
          json?: boolean;
        },
      ) => {
        const where = location("worker", flags);
        const log = logger(flags.quiet);
        const { startWorker } = await queue();
        const worker = await startWorker({
          ...where,
          job: jobModule(flags.job),
          workDir: resolve(flags.workDir),
          concurrency: flags.concurrency,
          exitWhenDrained: flags.exitWhenDrained ?? false,
          ...(flags.lockMs !== undefined ? { lockDurationMs: flags.lockMs } : {}),
          ...(flags.stalledMs !== undefined ? { stalledIntervalMs: flags.stalledMs } : {}),
          onEvent: reporter(log),
        });
        // Printed even with --quiet: scripts and tests wait for it.
        io.error(`worker ready: ${flags.name ?? "sweep"} on ${redactRedisUrl(where.redis)}`);
        let signals = 0;
        const stop = () => {
          signals++;
          log(
            signals === 1 ? "stopping after running jobs finish (signal again to stop now)" : "stopping now",
          );
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
        if (flags.json) io.log(JSON.stringify(report));
      },
    );

  cli
    .command("status")
    .description("how far a queued sweep is: done, running, waiting, failed")
    .addOption(redisOption())
    .addOption(nameOption())
    .addOption(prefixOption())
    .addOption(timeoutOption())
    .addOption(jsonOption())
    .action(async (flags: QueueFlags & { json?: boolean }) => {
      const where = location("status", flags);
      const { status } = await queue();
      const s = await status(where);
      if (flags.json) {
        io.log(JSON.stringify(s));
        return;
      }
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
    });

  cli
    .command("collect")
    .description(
      "write results.jsonl, results.csv and runs/<id>/summary.json from Redis or a results directory",
    )
    .requiredOption("--out <dir>", "where to write the table")
    .option("--results <dir>", "a results directory (from run or --index runs) instead of Redis")
    .option("--spec <spec>", "only this sweep's jobs; missing ones make the exit status 1")
    .addOption(redisOption())
    .addOption(nameOption())
    .addOption(prefixOption())
    .addOption(timeoutOption())
    .addOption(quietOption())
    .addOption(jsonOption())
    .action(
      async (
        flags: QueueFlags & { out: string; results?: string; spec?: string; quiet?: boolean; json?: boolean },
      ) => {
        const where = flags.results === undefined ? location("collect", flags) : undefined;
        const sweepJobs = flags.spec ? await readJobs(flags.spec) : undefined;
        const source =
          where === undefined ? directoryStore(resolve(flags.results as string)) : redisResults(where);
        const report = await collectTo(source, sweepJobs, resolve(flags.out), logger(flags.quiet));
        if (flags.json) io.log(JSON.stringify(report));
        setCode(report.missing ? 1 : 0);
      },
    );

  return cli;
}

/**
 * Run the `emerge-sweep` command line and resolve to its exit status; never throws. 0 done; 1 a typed
 * error (`emerge-sweep: CODE: message`, one line, the stack only with `--debug`) or failed/missing
 * jobs; 2 a usage error (`emerge-sweep: error: message`: unknown flag, bad value, missing argument);
 * 128 + the signal number (130, 143) when SIGINT or SIGTERM stopped a local run.
 *
 * @example
 * ```ts
 * process.exitCode = await main(["expand", "spec.json"]);
 * ```
 */
export async function main(argv: readonly string[], io: Out = defaultIo): Promise<number> {
  let code = 0;
  const cli = program(io, (c) => {
    code = c;
  });
  const dashDash = argv.indexOf("--");
  const debug = (dashDash < 0 ? argv : argv.slice(0, dashDash)).includes("--debug");
  try {
    if (argv.length === 0) {
      io.error(`${BIN}: error: no command given; try '${BIN} --help'`);
      return 2;
    }
    await cli.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    return report(error, debug, io);
  }
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();

function report(error: unknown, debug: boolean, io: Out): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return 0;
    if (error.code === "commander.help" && error.exitCode === 0) return 0;
    if (error.code === "commander.help") {
      io.error(`${BIN}: error: no command given; try '${BIN} --help'`);
      return 2;
    }
    io.error(`${BIN}: error: ${oneLine(error.message.replace(/^error: /, ""))}`);
    return 2;
  }
  if (error instanceof UsageError || (error instanceof SweepError && error.code === "INVALID_INDEX")) {
    io.error(`${BIN}: error: ${oneLine(error.message)}`);
    return 2;
  }
  if (error instanceof SweepError && error.code === "ABORTED" && error.signal) {
    // Stopped by SIGINT/SIGTERM after its job processes were stopped: the shell's 128 + signal number.
    io.error(`${BIN}: ABORTED: ${oneLine(error.message)}`);
    return 128 + (constants.signals[error.signal] ?? 0);
  }
  const errno = (error as { code?: unknown } | null)?.code;
  const code =
    error instanceof SweepError
      ? error.code
      : typeof errno === "string" && /^E[A-Z]+$/.test(errno)
        ? "IO_ERROR"
        : typeof errno === "string" && /^[A-Z][A-Z0-9_]*$/.test(errno)
          ? errno
          : "INTERNAL";
  io.error(`${BIN}: ${code}: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  if (debug && error instanceof Error && error.stack) io.error(error.stack);
  return 1;
}

function retryOptions(flags: { attempts?: number; backoffMs?: number }) {
  return {
    ...(flags.attempts !== undefined ? { attempts: flags.attempts } : {}),
    ...(flags.backoffMs !== undefined ? { backoffMs: flags.backoffMs } : {}),
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

interface CollectReport {
  collected: number;
  missing: number;
  files: ResultFiles;
}

async function collectTo(
  source: ReturnType<typeof directoryStore> | { open(): Promise<ReturnType<typeof directoryStore>> },
  jobs: readonly SweepJob[] | undefined,
  out: string,
  log: (line: string) => void,
): Promise<CollectReport> {
  const store = "open" in source ? await source.open() : source;
  try {
    const records = await collect(store, jobs ? new Set(jobs.map((j) => j.id)) : undefined);
    const files = await writeResults(records, out);
    const missing = jobs ? jobs.length - records.length : 0;
    log(
      `collected ${records.length} runs${missing ? ` (${missing} not finished)` : ""} → ${files.jsonl}, ${files.csv}`,
    );
    return { collected: records.length, missing, files };
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
