import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkRedis,
  collect,
  expandSweep,
  type JobFunction,
  type RunRecord,
  redisStore,
  runLocal,
  type SweepSpec,
  startWorker,
  status,
  submit,
  sweepKeys,
} from "../src/index.js";
import { type CliProcess, FIXTURE_JOB, mainInProcess, runCli, spawnCli } from "./helpers/cli.js";
import { freePort, hasRedis, REDIS_SERVER, startRedis, type TestRedis } from "./helpers/redis-server.js";

if (!hasRedis) {
  console.warn(`SKIPPING the Redis/BullMQ tests: ${REDIS_SERVER} not found (apt-get install redis-server).`);
}

const dirs: string[] = [];
const temp = (label: string) => {
  const dir = mkdtempSync(join(tmpdir(), `emerge-sweep-${label}-`));
  dirs.push(dir);
  return dir;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** In-process twin of the fixture module: the reference results. */
const reference: JobFunction = async (config) => {
  let x = (((config.seed as number) ?? 0) * 2654435761 + ((config.a as number) ?? 0)) >>> 0;
  let sum = 0;
  for (let step = 0; step < (config.steps as number); step++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    x = Math.imul(x ^ (x >>> 12), 0x297a2d39) >>> 0;
    x = (x ^ (x >>> 15)) >>> 0;
    sum = (sum + (x & 0xffff)) % 1_000_000_007;
  }
  return { x, sum, steps: config.steps as number };
};

/** Child pids of a process (Linux /proc; empty where that is not available). */
function childPids(pid: number): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  return existsSync(file) ? readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Worker flags that make dead-worker detection take ~2 s instead of 30 s. */
const FAST_STALL = ["--lock-ms", "1500", "--stalled-ms", "500"];

async function startCliWorker(
  redis: string,
  name: string,
  workDir: string,
  extra: string[] = [],
): Promise<CliProcess> {
  const worker = await spawnCli([
    "worker",
    "--redis",
    redis,
    "--name",
    name,
    "--job",
    FIXTURE_JOB,
    "--work-dir",
    workDir,
    ...FAST_STALL,
    ...extra,
  ]);
  const deadline = Date.now() + 20_000;
  while (!worker.output().includes("worker ready")) {
    if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.output()}`);
    if (Date.now() > deadline) throw new Error(`worker did not start: ${worker.output()}`);
    await sleep(50);
  }
  return worker;
}

async function records(redis: string, name: string): Promise<RunRecord[]> {
  const client = new Redis(redis);
  try {
    return await collect(redisStore(client, sweepKeys({ redis, name }).results));
  } finally {
    client.disconnect();
  }
}

async function expectExactlyOnce(redis: string, name: string, spec: SweepSpec) {
  const jobs = expandSweep(spec);
  const got = await records(redis, name);
  expect(got.map((r) => r.id)).toEqual(jobs.map((j) => j.id)); // every job once, none twice, in order
  const local = await runLocal(jobs, reference, { workDir: temp("ref") });
  expect(got.map((r) => r.result)).toEqual(local.records.map((r) => r.result));
  const s = await status({ redis, name });
  expect({ done: s.done, total: s.total, waiting: s.waiting, active: s.active, failed: s.failed }).toEqual({
    done: jobs.length,
    total: jobs.length,
    waiting: 0,
    active: 0,
    failed: 0,
  });
  return got;
}

describe.skipIf(!hasRedis)("BullMQ sweeps on a real Redis", () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("two worker processes drain a sweep; results equal the local pool's", async () => {
    const spec: SweepSpec = {
      base: { steps: 4000, checkpointEvery: 1000, delayMs: 60 },
      grid: { a: [1, 2, 3, 4] },
      seeds: [0, 1],
    };
    const workDir = temp("drain");
    const workers = await Promise.all([
      startCliWorker(redis.url, "drain", workDir),
      startCliWorker(redis.url, "drain", workDir),
    ]);
    const report = await submit(expandSweep(spec), { redis: redis.url, name: "drain" });
    expect(report).toEqual({ total: 8, added: 8, done: 0, queued: 0, retried: 0 });
    // Both are busy now; let them finish, then stop them (SIGTERM: graceful).
    const deadline = Date.now() + 40_000;
    while ((await status({ redis: redis.url, name: "drain" })).done < 8) {
      if (Date.now() > deadline) throw new Error(workers.map((w) => w.output()).join("\n"));
      await sleep(200);
    }
    for (const w of workers) w.child.kill("SIGTERM");
    const exits = await Promise.all(workers.map((w) => w.exited));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    const got = await expectExactlyOnce(redis.url, "drain", spec);
    expect(new Set(got.map((r) => r.worker)).size).toBe(2); // the work really was shared
  });

  it("a worker SIGKILLed mid-job: another worker takes the job over and resumes it from its checkpoint", async () => {
    const spec: SweepSpec = { base: { steps: 3000, checkpointEvery: 100, delayMs: 50 }, grid: { a: [7, 8] } };
    const jobs = expandSweep(spec);
    const workDir = temp("kill");
    const victim = await startCliWorker(redis.url, "kill", workDir);
    await submit(jobs, { redis: redis.url, name: "kill" });
    let running: string | undefined;
    const deadline = Date.now() + 30_000;
    while (!running) {
      const s = await status({ redis: redis.url, name: "kill" });
      running = s.running.find((r) => (r.progress?.step ?? 0) >= 500)?.id;
      if (Date.now() > deadline) throw new Error(victim.output());
      await sleep(100);
    }
    const hosts = childPids(victim.child.pid!); // the job process running the job
    if (existsSync(`/proc/${victim.child.pid}/task`)) expect(hosts).toHaveLength(1);
    victim.child.kill("SIGKILL");
    expect((await victim.exited).signal).toBe("SIGKILL");
    // Its job process notices the lost parent and exits: no orphan keeps writing checkpoints.
    const gone = Date.now() + 5000;
    while (hosts.some(alive) && Date.now() < gone) await sleep(50);
    expect(hosts.filter(alive)).toEqual([]);
    const rescuer = await startWorker({
      redis: redis.url,
      name: "kill",
      job: { module: FIXTURE_JOB },
      workDir,
      lockDurationMs: 1500,
      stalledIntervalMs: 500,
      exitWhenDrained: true,
    });
    expect(await rescuer.done).toMatchObject({ completed: 2, duplicates: 0 });
    await expectExactlyOnce(redis.url, "kill", spec);
    const starts = readFileSync(join(workDir, running, "starts.log"), "utf8")
      .trim()
      .split("\n")
      .map(Number);
    expect(starts).toHaveLength(2);
    expect(starts[0]).toBe(0);
    expect(starts[1]).toBeGreaterThanOrEqual(500); // resumed, not restarted
  });

  it("submitting the same sweep twice queues nothing twice; a finished sweep is skipped; a grown one adds only the new jobs", async () => {
    const spec: SweepSpec = { base: { steps: 500, checkpointEvery: 500 }, grid: { a: [1, 2, 3] } };
    const jobs = expandSweep(spec);
    const where = { redis: redis.url, name: "twice" };
    expect(await submit(jobs, where)).toMatchObject({ added: 3, queued: 0 });
    expect(await submit(jobs, where)).toMatchObject({ added: 0, queued: 3 });
    const worker = await startWorker({
      ...where,
      job: { module: FIXTURE_JOB },
      workDir: temp("twice"),
      exitWhenDrained: true,
    });
    expect(await worker.done).toMatchObject({ completed: 3, duplicates: 0 });
    expect(await submit(jobs, where)).toEqual({ total: 3, added: 0, done: 3, queued: 0, retried: 0 });
    const grown = { ...spec, grid: { a: [1, 2, 3, 4] } };
    expect(await submit(expandSweep(grown), where)).toMatchObject({ added: 1, done: 3 });
    const again = await startWorker({
      ...where,
      job: { module: FIXTURE_JOB },
      workDir: temp("twice"),
      exitWhenDrained: true,
    });
    expect(await again.done).toMatchObject({ completed: 1 });
    await expectExactlyOnce(redis.url, "twice", grown);
  });

  it("`emerge-sweep run --redis` submits, works until drained and collects the table", async () => {
    const spec: SweepSpec = {
      base: { steps: 800, checkpointEvery: 400 },
      grid: { a: [5, 6] },
      seeds: [0, 1],
    };
    const dir = temp("allinone");
    const specFile = join(dir, "spec.json");
    writeFileSync(specFile, JSON.stringify(spec));
    const args = [
      "run",
      specFile,
      "--redis",
      redis.url,
      "--name",
      "allinone",
      "--job",
      FIXTURE_JOB,
      "--out",
      dir,
      "--quiet",
    ];
    const first = await mainInProcess([...args, "--concurrency", "2"]);
    expect(first.code, first.stderr).toBe(0);
    const table = readFileSync(join(dir, "results.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const local = await runLocal(expandSweep(spec), reference, { workDir: temp("allinone-ref") });
    expect(table.map((r) => [r.id, r.result])).toEqual(local.records.map((r) => [r.id, r.result]));
    expect(readFileSync(join(dir, "results.csv"), "utf8").split("\r\n")).toHaveLength(6); // header + 4 + final newline
    const again = await mainInProcess(args.filter((a) => a !== "--quiet"));
    expect(again.stderr).toMatch(/0 queued, 4 already done/);
    await expectExactlyOnce(redis.url, "allinone", spec);
  });

  it("retries failed attempts with backoff; a job that fails every attempt is reported and re-queued by the next submit", async () => {
    const where = { redis: redis.url, name: "flaky" };
    const flaky = expandSweep({
      base: { steps: 200, checkpointEvery: 100 },
      grid: { failUntilAttempt: [2, 9] },
    });
    await submit(flaky, { ...where, attempts: 2, backoffMs: 100 });
    const events: string[] = [];
    const worker = await startWorker({
      ...where,
      job: { module: FIXTURE_JOB },
      workDir: temp("flaky"),
      exitWhenDrained: true,
      onEvent: (e) => events.push(`${e.type}:${e.index}`),
    });
    expect(await worker.done).toMatchObject({ completed: 1, failedAttempts: 3 });
    expect(events).toEqual(expect.arrayContaining(["retry:0", "done:0", "retry:1", "fail:1"]));
    const s = await status(where);
    expect(s).toMatchObject({ done: 1, failed: 1, total: 2 });
    expect(s.failures[0]!.reason).toMatch(/flaky on attempt 2/);
    expect((await records(redis.url, "flaky"))[0]!.attempt).toBe(2);
    expect(await submit(flaky, where)).toMatchObject({ retried: 1, done: 1, added: 0 });
  });

  it("a job failing with INVALID_CONFIG (deterministic) fails once, not once per attempt", async () => {
    const where = { redis: redis.url, name: "invalid" };
    const jobs = expandSweep({ base: { steps: 100 }, grid: { invalidConfig: ["p must be prime"] } });
    await submit(jobs, { ...where, attempts: 4, backoffMs: 50 });
    const events: string[] = [];
    const worker = await startWorker({
      ...where,
      job: { module: FIXTURE_JOB },
      workDir: temp("invalid"),
      exitWhenDrained: true,
      onEvent: (e) => events.push(e.type),
    });
    expect(await worker.done).toMatchObject({ completed: 0, failedAttempts: 1 });
    expect(events).toEqual(["start", "fail"]);
    expect((await status(where)).failures[0]!.reason).toMatch(/INVALID_CONFIG: bad config/);
  });
});

describe.skipIf(!hasRedis)("Redis restarted (AOF persistence) between submit and drain", () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis({ appendOnly: true });
  });
  afterAll(async () => {
    await redis?.dispose();
  });

  it("loses no job and runs none twice", async () => {
    const spec: SweepSpec = {
      base: { steps: 1000, checkpointEvery: 500 },
      grid: { a: [1, 2, 3] },
      seeds: [0, 1],
    };
    const where = { redis: redis.url, name: "aof" };
    expect(await submit(expandSweep(spec), where)).toMatchObject({ added: 6 });
    await redis.stop("SIGKILL"); // no clean shutdown: only the append-only file survives
    await redis.start();
    expect(existsSync(join(redis.dir, "appendonlydir"))).toBe(true);
    expect(await status(where)).toMatchObject({ total: 6, waiting: 6, done: 0 });
    const worker = await startWorker({
      ...where,
      job: { module: FIXTURE_JOB },
      concurrency: 2,
      workDir: temp("aof"),
      exitWhenDrained: true,
    });
    expect(await worker.done).toMatchObject({ completed: 6, duplicates: 0 });
    await expectExactlyOnce(redis.url, "aof", spec);
  });
});

describe("bad input fails fast with a typed error", () => {
  let silent: Server;
  let silentPort: number;
  beforeAll(async () => {
    // Accepts connections and never answers: the case where a client without timeouts hangs forever.
    silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    silent.close();
  });

  it("unreachable or silent Redis: REDIS_UNREACHABLE within the timeout", async () => {
    const port = await freePort();
    let started = Date.now();
    await expect(checkRedis(`redis://127.0.0.1:${port}`, 1000)).rejects.toMatchObject({
      code: "REDIS_UNREACHABLE",
    });
    expect(Date.now() - started).toBeLessThan(3000);
    started = Date.now();
    await expect(checkRedis(`redis://127.0.0.1:${silentPort}`, 500)).rejects.toMatchObject({
      code: "REDIS_UNREACHABLE",
    });
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(submit([], { redis: `redis://127.0.0.1:${port}`, timeoutMs: 500 })).rejects.toMatchObject({
      code: "REDIS_UNREACHABLE",
    });
    await expect(checkRedis("http://127.0.0.1:1")).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(submit([], { redis: "redis://127.0.0.1:1", name: "a:b" })).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
  });

  it("the CLI exits 1 with the error code (2 for a usage error), not a hang, and checks the spec before connecting", async () => {
    const port = await freePort();
    const dir = temp("cli-bad");
    const specFile = join(dir, "spec.json");
    writeFileSync(specFile, JSON.stringify({ grid: { a: [1] } }));
    const badSpec = join(dir, "bad.json");
    writeFileSync(badSpec, "{ grid: oops");
    const [unreachable, bad, noRedis] = await Promise.all([
      runCli(["submit", specFile, "--redis", `redis://127.0.0.1:${port}`, "--timeout-ms", "1000"]),
      mainInProcess(["submit", badSpec, "--redis", `redis://127.0.0.1:${port}`]),
      mainInProcess(["status", "--redis", ""]),
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /REDIS_UNREACHABLE: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/INVALID_SPEC: .*bad\.json is not JSON/);
    expect(noRedis.code).toBe(2);
    expect(noRedis.stderr).toBe(
      "emerge-sweep: error: status needs --redis redis://host:port (or REDIS_URL)\n",
    );
  });
});
