// Throughput of N workers vs 1 on this machine: the same CPU-bound sweep (12 jobs of the test
// fixture's integer hash, ~0.5 s each) drained by a local pool of 1 and N child processes, and by 1
// and N `emerge-sweep worker` processes over BullMQ on a private redis-server. Medians of 3 repeats.
// Needs `npm run build` (the worker processes run dist/cli.js) and /usr/bin/redis-server.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expandSweep, runLocal, status, submit } from "../src/index.js";
import { startRedis } from "../test/helpers/redis-server.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const JOB = fileURLToPath(new URL("../test/fixtures/hash-job.mjs", import.meta.url));
const N = Number(process.env.WORKERS ?? Math.max(2, availableParallelism()));
const REPEATS = 3;
const spec = { base: { steps: 10_000_000, checkpointEvery: 1_000_000 }, grid: { a: [...Array(12).keys()] } };
const jobs = expandSweep(spec);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const work = mkdtempSync(join(tmpdir(), "emerge-sweep-bench-"));

async function local(concurrency: number): Promise<number> {
  const report = await runLocal(
    jobs,
    { module: JOB },
    { concurrency, workDir: mkdtempSync(join(work, "l")) },
  );
  if (report.ran !== jobs.length) throw new Error("local run incomplete");
  return report.wall_s;
}

let sweepCounter = 0;
async function queue(redis: string, workers: number): Promise<number> {
  const name = `bench-${sweepCounter++}`;
  const workDir = mkdtempSync(join(work, "q"));
  const procs = Array.from({ length: workers }, () => {
    const child = spawn(
      process.execPath,
      [CLI, "worker", "--redis", redis, "--name", name, "--job", JOB, "--work-dir", workDir],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    return { child, ready: () => err.includes("worker ready") };
  });
  while (!procs.every((p) => p.ready())) await new Promise((r) => setTimeout(r, 20));
  const started = performance.now();
  await submit(jobs, { redis, name });
  while ((await status({ redis, name })).done < jobs.length) await new Promise((r) => setTimeout(r, 50));
  const wall = (performance.now() - started) / 1000;
  await Promise.all(procs.map((p) => new Promise((r) => p.child.once("exit", r).kill("SIGTERM"))));
  return wall;
}

const redis = await startRedis();
try {
  const rows: [string, number][] = [];
  for (const [label, run] of [
    ["local pool, 1 process", () => local(1)],
    [`local pool, ${N} processes`, () => local(N)],
    ["BullMQ, 1 worker", () => queue(redis.url, 1)],
    [`BullMQ, ${N} workers`, () => queue(redis.url, N)],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) times.push(await run());
    rows.push([label, median(times)]);
  }
  console.log(
    `sweep of ${jobs.length} CPU-bound jobs, ${availableParallelism()} cores, median of ${REPEATS}:`,
  );
  for (const [label, s] of rows)
    console.log(`  ${label.padEnd(26)} ${s.toFixed(2)} s  ${(jobs.length / s).toFixed(2)} jobs/s`);
  console.log(`  speed-up local ${N} vs 1: ${(rows[0]![1] / rows[1]![1]).toFixed(2)}×`);
  console.log(`  speed-up BullMQ ${N} workers vs 1: ${(rows[2]![1] / rows[3]![1]).toFixed(2)}×`);
  console.log(`  BullMQ overhead vs local pool (1 worker): ${(rows[2]![1] / rows[0]![1]).toFixed(2)}×`);
} finally {
  await redis.dispose();
  rmSync(work, { recursive: true, force: true });
}
