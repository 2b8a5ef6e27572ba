// Throughput of the evaluation runner against a local OpenAI-compatible server (loopback, separate
// process, instant answers), as medians of repeats, with a plain fetch pool as the peer:
//   npm run bench -w @emerge/tasks
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { arithmetic } from "../src/index.js";
import { evaluate } from "../src/node/index.js";

const N = Number(process.env.BENCH_N ?? 2000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const child = spawn(process.execPath, [new URL("./server.mjs", import.meta.url).pathname], {
  stdio: ["ignore", "pipe", "inherit"],
});
const port = await new Promise<number>((resolve) =>
  child.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))),
);
const baseURL = `http://127.0.0.1:${port}/v1`;
const tasks = arithmetic({ op: "add", digits: 5, n: N, seed: 0 });

async function rawFetch(concurrency: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const t = tasks[next++];
        const r = await fetch(`${baseURL}/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ model: "bench", prompt: t?.prompt, max_tokens: 8, temperature: 0 }),
        });
        await r.json();
      }
    }),
  );
  return (tasks.length * 1000) / (performance.now() - t0);
}

// The runner's own figure: requests per second over the request phase (summary excluded).
async function runner(concurrency: number, cache: "none" | "fsync" | "write"): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "emerge-bench-"));
  try {
    const run = await evaluate(
      tasks,
      { baseURL, model: "bench" },
      {
        concurrency,
        maxTokens: 8,
        ...(cache === "none" ? {} : { cache: join(dir, "cache.jsonl"), durability: cache }),
      },
    );
    if (run.totals.errors > 0 || run.totals.requests !== tasks.length)
      throw new Error("benchmark run failed");
    return run.totals.requestsPerSecond;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
async function measure(f: () => Promise<number>): Promise<number> {
  await f(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < REPEATS; i++) xs.push(await f());
  return median(xs);
}

console.log(`evaluation runner throughput, ${N} requests to a loopback server, median of ${REPEATS} (req/s)`);
console.log(
  "concurrency  raw-fetch req/s  runner(no cache)  runner(cache, write)  runner(cache, fsync)  fsync-runner/raw",
);
for (const c of [1, 8, 32]) {
  const raw = await measure(() => rawFetch(c));
  const none = await measure(() => runner(c, "none"));
  const write = await measure(() => runner(c, "write"));
  const fsync = await measure(() => runner(c, "fsync"));
  console.log(
    `${String(c).padStart(11)}  ${raw.toFixed(0).padStart(9)}  ${none.toFixed(0).padStart(16)}  ${write.toFixed(0).padStart(20)}  ${fsync.toFixed(0).padStart(20)}  ${(none / raw).toFixed(2).padStart(12)}  ${(fsync / raw).toFixed(2).padStart(9)}`,
  );
}
child.kill();
