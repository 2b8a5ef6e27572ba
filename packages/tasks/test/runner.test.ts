import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { arithmetic, TaskError } from "../src/index.js";
import {
  cacheKey,
  cutAtStop,
  evaluate,
  openCache,
  progressBar,
  readInstances,
  writeEvaluation,
} from "../src/node/index.js";
import { type Behaviour, startServer } from "./helpers/server.js";

type Server = Awaited<ReturnType<typeof startServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const tmp = () => mkdtempSync(join(tmpdir(), "emerge-tasks-"));
const tasks = arithmetic({ op: "add", digits: 3, n: 24, seed: 5 });
// Generous timeouts: CI machines are loaded; only the stall tests rely on a timeout firing.
const fast = { backoffMs: 1, maxBackoffMs: 5, minBackoffMs: 10, timeoutMs: 10_000 };

describe("evaluate over real HTTP", () => {
  it("scores a correct model perfectly on /v1/completions with greedy params and stop sequences", async () => {
    server = await startServer();
    const run = await evaluate(
      tasks,
      { baseURL: server.url, model: "m" },
      { ...fast, stop: ["\n"], maxTokens: 8, concurrency: 4 },
    );
    expect(run.results).toHaveLength(24);
    expect(run.results.every((r) => r.metrics.exact_match === 1 && r.error === null)).toBe(true);
    expect(run.results[0]?.output).toBe(tasks[0]?.target); // cut at "\n": exactly the GPT-3 completion
    expect(run.totals.requests).toBe(24);
    const body = server.requests[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: "m", max_tokens: 8, temperature: 0, stop: ["\n"] });
    expect(server.requests[0]?.path).toBe("/v1/completions");
    expect(run.groups).toHaveLength(1);
    expect(run.groups[0]?.difficulty).toEqual({ op: "add", digits: 3 });
    expect(run.groups[0]?.metrics.exact_match?.mean).toBe(1);
  });

  it("speaks /v1/chat/completions with the prompt as the user message", async () => {
    server = await startServer();
    const run = await evaluate(
      tasks.slice(0, 3),
      { baseURL: server.url, model: "c", api: "chat", system: "Be terse." },
      fast,
    );
    expect(server.requests.every((r) => r.path === "/v1/chat/completions")).toBe(true);
    expect((server.requests[0]?.body.messages as unknown[] | undefined)?.[0]).toEqual({
      role: "system",
      content: "Be terse.",
    });
    expect(run.results.every((r) => r.metrics.exact_match === 1)).toBe(true);
  });

  it("backs off and retries on 429 (honouring Retry-After) and 500", async () => {
    server = await startServer((r): Behaviour => {
      if (r.nth === 1) return { kind: "status", status: 429, retryAfter: "0" };
      if (r.nth === 2) return { kind: "status", status: 503 };
      return { kind: "ok" };
    });
    const run = await evaluate(
      tasks.slice(0, 6),
      { baseURL: server.url, model: "m" },
      { ...fast, retries: 3 },
    );
    expect(run.totals.errors).toBe(0);
    expect(run.totals.retries).toBe(12);
    expect([...server.counts.values()]).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it("gives up after the retry budget, reports the error and caches nothing", async () => {
    server = await startServer(() => ({ kind: "status", status: 500, body: "boom" }));
    const dir = tmp();
    const run = await evaluate(
      tasks.slice(0, 2),
      { baseURL: server.url, model: "m" },
      { ...fast, retries: 2, cache: join(dir, "c.jsonl") },
    );
    expect(run.totals.errors).toBe(2);
    expect(run.results[0]?.error?.code).toBe("HTTP_ERROR");
    expect(run.results[0]?.error?.message).toMatch(/500: boom/);
    expect([...server.counts.values()]).toEqual([3, 3]);
    expect(readFileSync(join(dir, "c.jsonl"), "utf8")).toBe("");
  });

  it("does not retry a 400-class refusal", async () => {
    server = await startServer(() => ({ kind: "status", status: 401 }));
    const run = await evaluate(
      tasks.slice(0, 1),
      { baseURL: server.url, model: "m" },
      { ...fast, retries: 4 },
    );
    expect(run.results[0]?.error?.code).toBe("HTTP_ERROR");
    expect(server.requests).toHaveLength(1);
  });

  it("times out a stalled server and retries, then succeeds", async () => {
    server = await startServer((r) => (r.nth === 1 ? { kind: "stall" } : { kind: "ok" }));
    const run = await evaluate(
      tasks.slice(0, 2),
      { baseURL: server.url, model: "m" },
      { ...fast, timeoutMs: 1000, retries: 1 },
    );
    expect(run.totals.errors).toBe(0);
    expect(run.totals.retries).toBe(2);
  });

  it("reports TIMEOUT when the server never answers", async () => {
    server = await startServer(() => ({ kind: "stall" }));
    const run = await evaluate(
      tasks.slice(0, 1),
      { baseURL: server.url, model: "m" },
      { ...fast, timeoutMs: 80, retries: 1 },
    );
    expect(run.results[0]?.error?.code).toBe("TIMEOUT");
  });

  it("treats garbage (non-JSON, missing choices) as retryable", async () => {
    server = await startServer((r): Behaviour => {
      if (r.nth === 1) return { kind: "garbage", body: "<html>oops" };
      if (r.nth === 2) return { kind: "garbage", body: JSON.stringify({ choices: [] }) };
      return { kind: "ok" };
    });
    const run = await evaluate(
      tasks.slice(0, 2),
      { baseURL: server.url, model: "m" },
      { ...fast, retries: 2 },
    );
    expect(run.totals.errors).toBe(0);
    expect(run.results.every((r) => r.metrics.exact_match === 1)).toBe(true);
    server.requests.length = 0;
    await server.close();
    server = await startServer(() => ({ kind: "garbage", body: "{not json" }));
    const bad = await evaluate(
      tasks.slice(0, 1),
      { baseURL: server.url, model: "m" },
      { ...fast, retries: 1 },
    );
    expect(bad.results[0]?.error?.code).toBe("BAD_RESPONSE");
  });

  it("resumes from the cache without any request, and coalesces identical prompts", async () => {
    server = await startServer();
    const dir = tmp();
    const cache = join(dir, "cache.jsonl");
    const doubled = [...tasks.slice(0, 5), ...tasks.slice(0, 5).map((t) => ({ ...t, id: `${t.id}-copy` }))];
    const first = await evaluate(
      doubled,
      { baseURL: server.url, model: "m" },
      { ...fast, cache, concurrency: 10 },
    );
    expect(first.totals.requests).toBe(5);
    expect(readFileSync(cache, "utf8").trim().split("\n")).toHaveLength(5);
    const second = await evaluate(doubled, { baseURL: server.url, model: "m" }, { ...fast, cache });
    expect(second.totals.requests).toBe(0);
    expect(second.totals.cached).toBe(10);
    expect(second.results.map((r) => r.output)).toEqual(first.results.map((r) => r.output));
    // Another model or other parameters are different keys.
    const other = await evaluate(
      doubled.slice(0, 1),
      { baseURL: server.url, model: "m2" },
      { ...fast, cache },
    );
    expect(other.totals.requests).toBe(1);
    const longer = await evaluate(
      doubled.slice(0, 1),
      { baseURL: server.url, model: "m" },
      { ...fast, cache, maxTokens: 9 },
    );
    expect(longer.totals.requests).toBe(1);
  });

  it("truncates prompts from the left and cuts outputs at stop sequences client-side", async () => {
    server = await startServer(() => ({ kind: "ok", text: " 42 STOP more" }));
    const run = await evaluate(
      tasks.slice(0, 1),
      { baseURL: server.url, model: "m" },
      { ...fast, maxPromptChars: 10, stop: [" STOP"] },
    );
    expect(server.requests[0]?.prompt).toBe(String(tasks[0]?.prompt).slice(-10));
    expect(run.results[0]?.output).toBe(" 42");
    expect(cutAtStop("a\nb###c", ["###", "\n"])).toBe("a");
  });

  it("sends the API key only as a bearer header and never writes or echoes it", async () => {
    const secret = "sk-test-DO-NOT-LEAK-1234567890";
    process.env.EMERGE_TEST_KEY = secret;
    server = await startServer((r) =>
      r.nth === 1 ? { kind: "status", status: 500, body: `echo ${r.authorization}` } : { kind: "ok" },
    );
    const dir = tmp();
    const run = await evaluate(
      tasks.slice(0, 3),
      { baseURL: server.url, model: "m", apiKeyEnv: "EMERGE_TEST_KEY" },
      {
        ...fast,
        retries: 0,
        cache: join(dir, "cache.jsonl"),
      },
    );
    writeEvaluation(dir, run, { apiKeyEnv: "EMERGE_TEST_KEY" });
    expect(server.requests[0]?.authorization).toBe(`Bearer ${secret}`);
    expect(run.results[0]?.error?.message).toContain("[redacted]");
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), "utf8")).not.toContain(secret);
    expect(JSON.stringify(run)).not.toContain(secret);
    delete process.env.EMERGE_TEST_KEY;
  });

  it("reports a refused connection as a retryable HTTP error", async () => {
    const run = await evaluate(
      tasks.slice(0, 1),
      { baseURL: "http://127.0.0.1:1/v1", model: "m" },
      { ...fast, retries: 1 },
    );
    expect(run.results[0]?.error?.code).toBe("HTTP_ERROR");
    expect(run.results[0]?.error?.message).toMatch(/failed/);
    expect(run.totals.requests).toBe(2);
  });

  it("draws a progress bar", () => {
    expect(progressBar({ done: 5, total: 10, cached: 1, errors: 0, requests: 4, elapsedMs: 2000 }, 10)).toBe(
      "[#####-----]  5/10  2.0 req/s  ETA 3s  (1 cached, 0 errors)",
    );
  });

  it("rejects bad options with typed errors", async () => {
    await expect(
      evaluate(tasks, { baseURL: "http://127.0.0.1:9/v1", model: "m" }, { concurrency: 0 }),
    ).rejects.toThrow(TaskError);
    await expect(
      evaluate(tasks, { baseURL: "http://127.0.0.1:9/v1", model: "m" }, { retries: -1 }),
    ).rejects.toThrow(/retries/);
  });
});

describe("the JSONL cache", () => {
  it("repairs a torn last line and keeps every complete entry", async () => {
    const dir = tmp();
    const path = join(dir, "cache.jsonl");
    const parts = { model: "m", api: "completions" as const, prompt: "p1", params: { max_tokens: 1 } };
    const c = openCache(path);
    await c.put(cacheKey(parts), parts, { text: " a", finishReason: "stop" });
    c.close();
    appendFileSync(path, '{"key":"deadbeef","text":" half-writ');
    const reopened = openCache(path);
    expect(reopened.repairedTail).toBe(true);
    expect(reopened.size).toBe(1);
    expect(reopened.get(cacheKey(parts))?.text).toBe(" a");
    const parts2 = { ...parts, prompt: "p2" };
    await reopened.put(cacheKey(parts2), parts2, { text: " b", finishReason: null });
    reopened.close();
    const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
    expect(lines.map((l) => JSON.parse(l).text)).toEqual([" a", " b"]);
  });

  it("keys by model, prompt and parameters regardless of key order", () => {
    const a = cacheKey({ model: "m", api: "completions", prompt: "x", params: { a: 1, b: [2] } });
    expect(cacheKey({ model: "m", api: "completions", prompt: "x", params: { b: [2], a: 1 } })).toBe(a);
    expect(cacheKey({ model: "n", api: "completions", prompt: "x", params: { a: 1, b: [2] } })).not.toBe(a);
    expect(cacheKey({ model: "m", api: "chat", prompt: "x", params: { a: 1, b: [2] } })).not.toBe(a);
  });

  it("reads instance files, including GPT-3 context/completion lines", () => {
    const dir = tmp();
    const f = join(dir, "in.jsonl");
    writeFileSync(
      f,
      `${JSON.stringify(tasks[0])}\n{"context": "\\n\\nQ: What is 1 plus 1?\\n\\nA:", "completion": " 2"}\n`,
    );
    const read = readInstances(f);
    expect(read[0]).toEqual(tasks[0]);
    expect(read[1]).toMatchObject({ prompt: "\n\nQ: What is 1 plus 1?\n\nA:", target: " 2", answer: "2" });
    writeFileSync(f, "{nope\n");
    expect(() => readInstances(f)).toThrow(/not JSON/);
  });
});
