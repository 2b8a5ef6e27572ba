import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { arithmetic, generate, limits, TaskError } from "../src/index.js";
import { evaluate, openCache, readInstances } from "../src/node/index.js";
import { cli } from "./helpers/cli.js";
import { startServer } from "./helpers/server.js";

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const tmp = () => mkdtempSync(join(tmpdir(), "emerge-limits-"));
const tasks = arithmetic({ op: "add", digits: 2, n: 3, seed: 1 });

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    return e instanceof TaskError ? e.code : `untyped ${String(e)}`;
  }
  return "no error";
}

describe("input files", () => {
  it("a JSONL line that is JSON but not an object is a typed error naming the line (was a TypeError)", async () => {
    const dir = tmp();
    const file = join(dir, "t.jsonl");
    writeFileSync(file, '{"prompt":"p","target":"t"}\nnull\n');
    expect(await codeOf(() => readInstances(file))).toBe("INVALID_ARGUMENT");
    expect(() => readInstances(file)).toThrow(/t\.jsonl:2: each line must be a JSON object/);
    expect(await codeOf(() => readInstances(dir))).toBe("IO_ERROR");
  });
});

describe("#17.4: bounded work", () => {
  it("a 5 MB response body is cut off at the cap, not cached, not retried: RESPONSE_TOO_LARGE", async () => {
    const huge = JSON.stringify({ choices: [{ text: "x".repeat(5_000_000) }] });
    server = await startServer(() => ({ kind: "garbage", body: huge }));
    const cache = join(tmp(), "cache.jsonl");
    const run = await evaluate(
      tasks.slice(0, 1),
      { baseURL: server.url, model: "m" },
      {
        cache,
        maxResponseBytes: 100_000,
        retries: 3,
        minBackoffMs: 10,
      },
    );
    expect(run.results[0]?.error?.code).toBe("RESPONSE_TOO_LARGE");
    expect(server.requests).toHaveLength(1);
    expect(readFileSync(cache, "utf8")).toBe("");
  });

  it("the default cap is 4 MiB and is documented in limits", () => {
    expect(limits.defaultResponseBytes).toBe(4 * 1024 * 1024);
  });

  it("Retry-After: 0 still waits the minimum backoff between attempts (was 24 requests in 0.2 s)", async () => {
    const times: number[] = [];
    server = await startServer(() => {
      times.push(performance.now());
      return { kind: "status", status: 429, retryAfter: "0" };
    });
    const run = await evaluate(
      tasks.slice(0, 1),
      { baseURL: server.url, model: "m" },
      { retries: 3, backoffMs: 0 },
    );
    expect(run.results[0]?.error?.code).toBe("HTTP_ERROR");
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(limits.defaultMinBackoffMs - 5);
  });

  it("--cache /dev/full (a device, never-ending to read) is a typed IO_ERROR at once, not a hang", async () => {
    const started = performance.now();
    expect(await codeOf(() => openCache("/dev/full"))).toBe("IO_ERROR");
    expect(
      await codeOf(evaluate(tasks, { baseURL: "http://127.0.0.1:9/v1", model: "m" }, { cache: "/dev/full" })),
    ).toBe("IO_ERROR");
    const dir = tmp();
    const file = join(dir, "t.jsonl");
    await cli(["generate", "arithmetic", "--n", "2", "--out", file]);
    const r = await cli([
      "eval",
      file,
      "--base-url",
      "http://127.0.0.1:9/v1",
      "--model",
      "m",
      "--cache",
      "/dev/full",
      "--out",
      dir,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^emerge-tasks: IO_ERROR: .*not a regular file\n$/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("counts, concurrency and sizes above their documented bounds are refused before any work", async () => {
    // n one above the bound: before, 10⁶+1 instances were generated (and 1e12 never finished).
    expect(
      await codeOf(() => arithmetic({ op: "add", digits: 2, n: limits.maxInstances + 1, seed: 0 })),
    ).toBe("LIMIT_EXCEEDED");
    expect(await codeOf(() => generate("modular", {}, 1e12, 0))).toBe("LIMIT_EXCEEDED");
    const endpoint = { baseURL: "http://127.0.0.1:9/v1", model: "m" };
    for (const [option, value] of [
      ["concurrency", 1000],
      ["retries", 1000],
      ["timeoutMs", 1e9],
      ["maxTokens", 1e9],
      ["maxResponseBytes", 2 ** 40],
      ["maxBackoffMs", 1e9],
    ] as const) {
      expect(await codeOf(evaluate(tasks, endpoint, { [option]: value, cache: "/dev/full" }))).toBe(
        "LIMIT_EXCEEDED",
      );
    }
    expect(await codeOf(evaluate(tasks, endpoint, { minBackoffMs: 0 }))).toBe("INVALID_ARGUMENT");
    // A malformed instance is refused before any request (it was an IO_ERROR "TypeError …" per instance).
    expect(await codeOf(evaluate([{ ...tasks[0], prompt: 5 } as never], endpoint))).toBe("INVALID_ARGUMENT");
    expect(await codeOf(evaluate([null as never], endpoint))).toBe("INVALID_ARGUMENT");
    // The CLI refuses them as usage errors (exit 2, one line), before reading the tasks file.
    for (const args of [
      ["generate", "arithmetic", "--n", "1e12"],
      ["generate", "arithmetic", "--n", "1000001"],
      ["eval", "missing.jsonl", "--base-url", "http://h/v1", "--model", "m", "--concurrency", "1000"],
      ["eval", "missing.jsonl", "--base-url", "http://h/v1", "--model", "m", "--max-response-bytes", "1e12"],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^emerge-tasks: error: [^\n]*must be an integer in \[\d+, \d+\]\n$/);
    }
  });
});
