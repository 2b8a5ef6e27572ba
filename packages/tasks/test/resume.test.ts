import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { arithmetic } from "../src/index.js";
import { oracle, startServer } from "./helpers/server.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const secret = "sk-resume-test-SECRET-0987654321";

function cli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    ["--conditions=@emerge/source", "--import", "tsx", "src/cli/main.ts", ...args],
    {
      cwd: packageDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

function collect(child: ChildProcess) {
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { output: () => out, done };
}

const cacheLines = (path: string) =>
  existsSync(path)
    ? readFileSync(path, "utf8")
        .split("\n")
        .filter((l) => l.length > 0)
    : [];

let close: (() => Promise<void>) | undefined;
afterAll(async () => close?.());

it("a run SIGKILLed midway resumes with no duplicate request and no lost result", async () => {
  const server = await startServer(() => ({ kind: "ok", delayMs: 15 }));
  close = server.close;
  const dir = mkdtempSync(join(tmpdir(), "emerge-resume-"));
  const input = join(dir, "tasks.jsonl");
  const tasks = arithmetic({ op: "mul", digits: 4, n: 160, seed: 21 });
  writeFileSync(input, tasks.map((t) => `${JSON.stringify(t)}\n`).join(""));
  const out = join(dir, "run");
  const cache = join(out, "cache.jsonl");
  const args = [
    "eval",
    input,
    "--base-url",
    server.url,
    "--model",
    "toy",
    "--out",
    out,
    "--concurrency",
    "4",
    "--stop",
    "\\n",
    "--api-key-env",
    "RESUME_KEY",
  ];

  // First run: kill it with SIGKILL once a third of the answers are cached.
  const first = cli([...args, "--no-progress"], { RESUME_KEY: secret });
  const firstRun = collect(first);
  const deadline = Date.now() + 30_000;
  while (cacheLines(cache).length < 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  first.kill("SIGKILL");
  await firstRun.done;
  const answeredBeforeCrash = new Set(
    cacheLines(cache).flatMap((l) => {
      try {
        return [JSON.parse(l).prompt as string];
      } catch {
        return []; // a torn last line is allowed
      }
    }),
  );
  expect(answeredBeforeCrash.size).toBeGreaterThanOrEqual(50);
  expect(answeredBeforeCrash.size).toBeLessThan(160);
  expect(existsSync(join(out, "results.jsonl"))).toBe(false); // it really died before finishing

  // Second run resumes from the cache.
  const second = cli(args, { RESUME_KEY: secret });
  const secondRun = collect(second);
  expect(await secondRun.done).toBe(0);

  // No duplicate request for anything answered before the crash; only the few in flight at the kill repeat.
  for (const prompt of answeredBeforeCrash) expect(server.counts.get(prompt)).toBe(1);
  const repeated = [...server.counts.entries()].filter(([, c]) => c > 1);
  expect(repeated.every(([, c]) => c === 2)).toBe(true);
  expect(repeated.length).toBeLessThanOrEqual(4); // at most the concurrency
  for (const [prompt] of repeated) expect(answeredBeforeCrash.has(prompt)).toBe(false);

  // No lost result: every instance answered, correctly, exactly once in the results.
  const results = readFileSync(join(out, "results.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(results.map((r) => r.id)).toEqual(tasks.map((t) => t.id));
  for (const r of results) {
    expect(r.error).toBeNull();
    expect(r.output).toBe(oracle(r.prompt).split("\n")[0]);
    expect(r.metrics.exact_match).toBe(1);
  }
  expect(results.filter((r) => r.cached).length).toBe(answeredBeforeCrash.size);
  expect(cacheLines(cache)).toHaveLength(160);
  expect(server.counts.size).toBe(160);

  // The key reached the server but no file or log.
  expect(server.requests.every((r) => r.authorization === `Bearer ${secret}`)).toBe(true);
  for (const f of ["cache.jsonl", "results.jsonl", "summary.json"])
    expect(readFileSync(join(out, f), "utf8")).not.toContain(secret);
  expect(firstRun.output() + secondRun.output()).not.toContain(secret);
  expect(secondRun.output()).toMatch(/160 instances: 160 answered \(\d+ from cache\), 0 errors/);
  const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
  expect(summary.groups[0].metrics.exact_match.mean).toBe(1);
});
