import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arithmetic, families, generate, summarize, TaskError } from "../src/index.js";
import { evaluate, secretRedactor } from "../src/node/index.js";
import { startServer } from "./helpers/server.js";

function outcome(f: () => unknown): string {
  try {
    f();
    return "ok";
  } catch (e) {
    return e instanceof TaskError
      ? e.code
      : `UNTYPED ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}

describe("fuzz: generators by name", () => {
  it("any family, options, n and seed either generate or fail with a typed TaskError", () => {
    const value = fc.oneof(
      fc.integer({ min: -3, max: 12 }),
      fc.double(),
      fc.string({ maxLength: 4 }),
      fc.constantFrom("add", "div", "linear", "cot", "test", "all", "x2+xy+y2", "", "7", "1e3", null, true),
    );
    const optionName = fc.constantFrom(
      ...new Set(families.flatMap((f) => f.options.map((o) => o.name))),
      "bogus",
    );
    const tally = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.constantFrom(...families.map((f) => f.name), "nope"),
        fc.dictionary(optionName, value, { maxKeys: 3 }),
        fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constantFrom(2.5, Number.NaN, 1e12)),
        fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.constantFrom(1.5, Number.NaN)),
        (name, options, n, seed) => {
          const result = outcome(() => generate(name, options, n, seed));
          tally.set(result, (tally.get(result) ?? 0) + 1);
          expect(result).not.toMatch(/^UNTYPED/);
        },
      ),
      { numRuns: 3000, seed: 17 },
    );
    console.log(`generate fuzz: ${JSON.stringify(Object.fromEntries(tally))}`);
  });

  it("summarize takes any records and groupBy, answering groups or a typed error", () => {
    const record = fc.record(
      {
        family: fc.oneof(fc.constantFrom("a", "b"), fc.integer()),
        difficulty: fc.jsonValue({ maxDepth: 2 }),
        model: fc.constantFrom("m1", "m2"),
        meta: fc.dictionary(fc.constantFrom("size", "digits"), fc.jsonValue({ maxDepth: 1 })),
        metrics: fc.oneof(
          fc.dictionary(fc.constantFrom("exact_match", "acc"), fc.double()),
          fc.jsonValue({ maxDepth: 1 }),
        ),
      },
      { requiredKeys: ["family", "metrics"] },
    );
    const groupBy = fc.oneof(
      fc.array(
        fc.constantFrom(
          "family",
          "difficulty",
          "model",
          "meta.size",
          "meta.digits",
          "difficulty.x",
          "",
          "a..b",
        ),
        {
          maxLength: 3,
        },
      ),
      fc.jsonValue({ maxDepth: 1 }),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), groupBy, (records, by) => {
        const result = outcome(() => summarize(records as never, { groupBy: by as never, resamples: 20 }));
        expect(result).not.toMatch(/^UNTYPED/);
      }),
      { numRuns: 1000, seed: 3 },
    );
  });
});

describe("fuzz: redaction", () => {
  it("no 8-character run of a key survives, wherever and however often the key or a piece of it appears", () => {
    const key = fc.string({
      unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"),
      minLength: 8,
      maxLength: 60,
    });
    fc.assert(
      fc.property(
        key,
        fc.array(fc.tuple(fc.string({ maxLength: 30 }), fc.nat(), fc.nat()), { maxLength: 5 }),
        (k, parts) => {
          // The text interleaves noise with pieces k[i..j] of the key (whole keys and cut-off ones).
          const text =
            parts
              .map(
                ([noise, i, j]) => noise + k.slice(i % k.length, Math.max(i % k.length, j % (k.length + 1))),
              )
              .join("") + k;
          const out = secretRedactor([k])(text);
          for (let i = 0; i + 8 <= k.length; i++) expect(out).not.toContain(k.slice(i, i + 8));
        },
      ),
      { numRuns: 1000, seed: 5 },
    );
  });
});

describe("fuzz: a hostile endpoint", () => {
  type Reply = { status: number; body: string; retryAfter?: string };
  let reply: Reply = { status: 200, body: "" };
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(() =>
      reply.status === 200
        ? { kind: "garbage", body: reply.body }
        : {
            kind: "status",
            status: reply.status,
            body: reply.body,
            ...(reply.retryAfter !== undefined ? { retryAfter: reply.retryAfter } : {}),
          },
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it("any status, body and Retry-After gives a scored result or a typed per-instance error, never a throw", async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .record({
          choices: fc.array(
            fc.record(
              {
                text: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
                finish_reason: fc.oneof(fc.string(), fc.integer()),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 2 },
          ),
        })
        .map((v) => JSON.stringify(v)),
      fc.nat({ max: 300_000 }).map((n) => JSON.stringify({ choices: [{ text: "x".repeat(n) }] })),
    );
    const reply_ = fc.record(
      {
        status: fc.constantFrom(200, 200, 200, 400, 401, 404, 408, 429, 500, 503),
        body,
        retryAfter: fc.constantFrom("0", "-1", "abc", "1e9", "Wed, 21 Oct 2015 07:28:00 GMT"),
      },
      { requiredKeys: ["status", "body"] },
    );
    const [task] = arithmetic({ op: "add", digits: 2, n: 1, seed: 0 });
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(reply_, async (r) => {
        reply = r as Reply;
        const run = await evaluate(
          [task!],
          { baseURL: server.url, model: "m" },
          {
            retries: 1,
            minBackoffMs: 10,
            backoffMs: 0,
            maxBackoffMs: 20,
            maxResponseBytes: 100_000,
            timeoutMs: 5000,
          },
        );
        const code = run.results[0]?.error?.code ?? "ok";
        codes.set(code, (codes.get(code) ?? 0) + 1);
        expect(["ok", "HTTP_ERROR", "BAD_RESPONSE", "RESPONSE_TOO_LARGE"]).toContain(code);
      }),
      { numRuns: 300, seed: 11 },
    );
    console.log(`endpoint fuzz: ${JSON.stringify(Object.fromEntries(codes))}`);
  }, 120_000);
});
