/**
 * End to end against a local OpenAI-compatible server started here: four fake "models" whose skill
 * grows with their size. The study must measure exactly that skill, fit where accuracy halves,
 * write the report and the figures, and on a rerun answer everything from its cache.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import type { StudySummary } from "../src/report.js";
import { capture } from "./capture.js";
import { type FakeServer, startFakeOpenAI } from "./fake-openai.js";

const key = "test-key-4f1c9a";
const models = {
  "tiny-lm": { digits: 1, depth: 0, people: 1 },
  "small-lm": { digits: 2, depth: 1, people: 2 },
  "medium-lm": { digits: 3, depth: 2, people: 3 },
  "large-lm": { digits: 4, depth: 3, people: 5 },
  "huge-lm": { digits: 5, depth: 3, people: 6 },
};
// Five sizes: the fewest emergence() accepts.
const sizes = {
  "tiny-lm": "30M",
  "small-lm": "300M",
  "medium-lm": "3B",
  "large-lm": "30B",
  "huge-lm": "300B",
};
/** The difficulty study runs four models without sizes (no emergence analysis, so it stays quick). */
const difficultyModels = ["tiny-lm", "small-lm", "medium-lm", "large-lm"];
const n = 6;
const prompts = difficultyModels.length * (4 + 3 + 6) * n;

describe("icl-eval against a local OpenAI-compatible server", () => {
  let server: FakeServer;
  let dir: string;
  let argv: string[];

  beforeAll(async () => {
    server = await startFakeOpenAI(models, { apiKey: key });
    dir = mkdtempSync(join(tmpdir(), "icl-eval-"));
    process.env.ICL_EVAL_TEST_KEY = key;
    argv = [
      "--endpoint",
      server.url,
      ...difficultyModels.flatMap((m) => ["--model", m]),
      "--api-key-env",
      "ICL_EVAL_TEST_KEY",
      "--n",
      String(n),
      "--shots",
      "2",
      "--out",
      dir,
    ];
  });

  afterAll(async () => {
    await server?.close();
    delete process.env.ICL_EVAL_TEST_KEY;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("measures each model's skill, fits the fall, writes the report, then resumes from the cache", async () => {
    const first = capture();
    expect(await main(argv, first.io), first.text.err).toBe(0);
    // 4 models × (4 + 3 + 6 levels) × n prompts, each asked exactly once.
    expect(server.requests.length).toBe(prompts);
    const sent = server.requests[0];
    expect(sent?.authorization).toBe(`Bearer ${key}`);
    expect(sent?.body.temperature).toBe(0);
    expect(sent?.path).toBe("/v1/completions");

    const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as StudySummary;
    const levels = (suite: string, model: string) =>
      summary.suites.find((s) => s.suite === suite)?.models.find((m) => m.model === model)?.levels ?? [];
    const acc = (suite: string, model: string, level: number) =>
      levels(suite, model).find((l) => l.level === level)?.exactMatch;

    // Arithmetic: medium-lm adds up to 3 digits. Operands have *up to* d digits, so at d = 4 a pair
    // of short operands is still right now and then; at d = 2, 3 it is always right.
    expect(acc("arithmetic", "medium-lm", 2)).toBe(1);
    expect(acc("arithmetic", "medium-lm", 3)).toBe(1);
    expect(acc("arithmetic", "medium-lm", 4)).toBeLessThanOrEqual(0.25);
    expect(acc("arithmetic", "medium-lm", 5)).toBe(0);
    // Off-by-one answers: exact match 0 but most characters right (the continuous view).
    const tokenAcc = levels("arithmetic", "medium-lm").find((l) => l.level === 5)?.tokenAccuracy as number;
    expect(tokenAcc).toBeGreaterThan(0.6);
    // Multistep (chain of thought): large-lm handles every depth, tiny-lm none.
    for (const d of [1, 2, 3]) expect(acc("multistep-arithmetic", "large-lm", d)).toBe(1);
    for (const d of [1, 2, 3]) expect(acc("multistep-arithmetic", "tiny-lm", d)).toBe(0);
    // Coin flip: small-lm tracks two people, then answers "yes" whatever happened: about chance.
    const coin = levels("coin-flip", "small-lm").map((l) => l.exactMatch as number);
    expect(coin.slice(0, 2)).toEqual([1, 1]);
    const guessing = coin.slice(2).reduce((a, b) => a + b, 0) / 4;
    expect(guessing).toBeGreaterThan(0.2);
    expect(guessing).toBeLessThan(0.8);

    // The logistic fit puts medium-lm's arithmetic transition between 3 and 4 digits.
    const fit = summary.suites
      .find((s) => s.suite === "arithmetic")
      ?.models.find((m) => m.model === "medium-lm")?.fit;
    expect(fit?.ok).toBe(true);
    if (fit?.ok) {
      expect(fit.mid).toBeGreaterThan(3);
      expect(fit.mid).toBeLessThan(4);
    }
    // Coin flip for large-lm: right up to 5 people, then wrong: the transition sits between 5 and 6.
    const coinFit = summary.suites
      .find((s) => s.suite === "coin-flip")
      ?.models.find((m) => m.model === "large-lm")?.fit;
    expect(coinFit?.ok).toBe(true);
    if (coinFit?.ok) expect(coinFit.mid).toBeGreaterThan(5);
    // No sizes given: no size analysis.
    expect(summary.sizes).toEqual([]);

    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("GPT-3 addition");
    expect(html).not.toContain("Score vs model size");
    expect(html).not.toContain(key);
    for (const f of [
      "arithmetic-exact-match",
      "multistep-arithmetic-exact-match",
      "coin-flip-per-character",
    ]) {
      expect(existsSync(join(dir, "figures", `${f}.svg`))).toBe(true);
      expect(
        readFileSync(join(dir, "figures", `${f}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe("PNG");
    }
    const results = readFileSync(join(dir, "results.jsonl"), "utf8").trim().split("\n");
    expect(results.length).toBe(prompts);

    // Rerun: everything comes from the cache, not one request.
    const before = server.requests.length;
    const second = capture();
    expect(await main(argv, second.io), second.text.err).toBe(0);
    expect(server.requests.length).toBe(before);
    const again = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as StudySummary;
    expect(again.totals.requests).toBe(0);
    expect(again.totals.cached).toBe(prompts);
    expect(again.suites).toEqual(summary.suites);
  });

  it("with five sized models, asks emergence() whether accuracy rises sharply with size", async () => {
    const out = mkdtempSync(join(tmpdir(), "icl-eval-sizes-"));
    try {
      const run = capture();
      // No --endpoint: each model names its server (as with one vLLM server per model).
      const args = ["--api-key-env", "ICL_EVAL_TEST_KEY", "--suites", "arithmetic"];
      args.push("--digits", "2,3,4", "--n", "4", "--bootstrap", "20", "--out", out);
      for (const [m, size] of Object.entries(sizes)) args.push("--model", `${m}=${size}@${server.url}`);
      expect(await main(args, run.io), run.text.err).toBe(0);
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as StudySummary;
      expect(summary.models.map((m) => m.size)).toEqual([3e7, 3e8, 3e9, 3e10, 3e11]);
      expect(summary.endpoints).toEqual([server.url]);
      expect(summary.sizes.map((s) => s.level)).toEqual([2, 3, 4]);
      // 3-digit addition by size: 0, 0, 1, 1, 1: a verdict and a threshold among the sizes.
      const three = summary.sizes.find((s) => s.level === 3);
      expect(["emergent", "smooth", "insufficient-data"]).toContain(three?.verdict);
      expect(three?.threshold).toBeGreaterThan(3e7);
      expect(three?.threshold).toBeLessThan(3e11);
      expect(readFileSync(join(out, "report.html"), "utf8")).toContain("Score vs model size");
      expect(existsSync(join(out, "figures", "score-vs-size.svg"))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("reports failed requests with exit code 2, and the rerun asks only for those", async () => {
    // A server that is overloaded for its first 5 requests; no retries, so 5 instances fail.
    const flaky = await startFakeOpenAI(models, { failFirst: 5 });
    const out = mkdtempSync(join(tmpdir(), "icl-eval-flaky-"));
    try {
      const args = [
        "--endpoint",
        flaky.url,
        "--model",
        "small-lm",
        "--suites",
        "coin-flip",
        "--steps",
        "1,2,3",
      ];
      const flags = [...args, "--n", "4", "--retries", "0", "--concurrency", "1", "--out", out];
      const first = capture();
      expect(await main(flags, first.io)).toBe(2);
      expect(first.text.err).toMatch(/5 request\(s\) failed; rerun/);
      expect(flaky.requests.length).toBe(12);
      const second = capture();
      expect(await main(flags, second.io), second.text.err).toBe(0);
      // Only the 5 failed prompts are asked again; the 7 answered ones come from the cache.
      expect(flaky.requests.length).toBe(12 + 5);
      const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as StudySummary;
      expect(summary.totals).toMatchObject({ requests: 5, cached: 7, errors: 0 });
      expect(summary.suites[0]?.models[0]?.levels.slice(0, 2).map((l) => l.exactMatch)).toEqual([1, 1]);
    } finally {
      await flaky.close();
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("says which model the server does not know, without leaking the API key", async () => {
    const out = mkdtempSync(join(tmpdir(), "icl-eval-missing-"));
    try {
      const run = capture();
      const args = [
        "--endpoint",
        server.url,
        "--model",
        "no-such-model",
        "--suites",
        "coin-flip",
        "--steps",
        "1,2,3",
      ];
      const code = await main(
        [...args, "--api-key-env", "ICL_EVAL_TEST_KEY", "--n", "2", "--out", out],
        run.io,
      );
      expect(code).toBe(2);
      expect(run.text.err).toMatch(/6 request\(s\) failed/);
      const html = readFileSync(join(out, "report.html"), "utf8");
      expect(html).toContain("model no-such-model not found");
      expect(html + run.text.err).not.toContain(key);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
