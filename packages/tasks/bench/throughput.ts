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

console.log(
  `evaluation runner throughput, ${N} requests to a loopback server, median of ${REPEATS} interleaved repeats (req/s)`,
);
console.log(
  "concurrency  raw-fetch  runner(no cache)  runner(cache, write)  runner(cache, fsync)  no-cache/raw  fsync/raw",
);
for (const c of [1, 8, 32]) {
  const variants = {
    raw: () => rawFetch(c),
    none: () => runner(c, "none"),
    write: () => runner(c, "write"),
    fsync: () => runner(c, "fsync"),
  };
  const samples: Record<keyof typeof variants, number[]> = { raw: [], none: [], write: [], fsync: [] };
  for (const f of Object.values(variants)) await f(); // warm-up
  // Interleave the variants so that load drifts on a shared machine hit them alike.
  for (let r = 0; r < REPEATS; r++) {
    for (const [name, f] of Object.entries(variants)) samples[name as keyof typeof variants].push(await f());
  }
  const raw = median(samples.raw);
  const none = median(samples.none);
  const write = median(samples.write);
  const fsync = median(samples.fsync);
  console.log(
    `${String(c).padStart(11)}  ${raw.toFixed(0).padStart(9)}  ${none.toFixed(0).padStart(16)}  ${write.toFixed(0).padStart(20)}  ${fsync.toFixed(0).padStart(20)}  ${(none / raw).toFixed(2).padStart(12)}  ${(fsync / raw).toFixed(2).padStart(9)}`,
  );
}
child.kill();
