import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandSweep, type JobFunction, runLocal, SweepError, sweepLimits, toCsv } from "../src/index.js";

/** What went wrong, as the test table counts it: a typed code, "ok", or "UNTYPED …" (a failure). */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (error) {
    return error instanceof SweepError ? error.code : `UNTYPED ${String(error)}`;
  }
}

describe("#17.4: sweep sizes are bounded before expansion", () => {
  it("a 2000³ grid, seeds.count 1e9 and random.samples 1e9 are LIMIT_EXCEEDED in milliseconds (V8 aborted before)", () => {
    const axis = Array.from({ length: 2000 }, (_, i) => i);
    const started = performance.now();
    expect(outcome(() => expandSweep({ grid: { a: axis, b: axis, c: axis } }))).toBe("LIMIT_EXCEEDED");
    expect(outcome(() => expandSweep({ grid: { a: [1, 2] }, seeds: { count: 1e9 } }))).toBe("LIMIT_EXCEEDED");
    expect(
      outcome(() => expandSweep({ random: { samples: 1e9, seed: 0, space: { lr: { uniform: [0, 1] } } } })),
    ).toBe("LIMIT_EXCEEDED");
    expect(performance.now() - started).toBeLessThan(1000);
    // The bound itself is reachable: exactly maxJobs jobs expand.
    expect(expandSweep({ seeds: { count: sweepLimits.maxJobs } })).toHaveLength(sweepLimits.maxJobs);
    expect(outcome(() => expandSweep({ seeds: { count: sweepLimits.maxJobs + 1 } }))).toBe("LIMIT_EXCEEDED");
  });

  it("seeds past the safe integers and int ranges a random source cannot draw are INVALID_SPEC, not a RandomError", () => {
    expect(outcome(() => expandSweep({ seeds: { count: 2, start: Number.MAX_SAFE_INTEGER } }))).toBe(
      "INVALID_SPEC",
    );
    expect(
      outcome(() => expandSweep({ random: { samples: 1, seed: 1.5, space: { a: { uniform: [0, 1] } } } })),
    ).toBe("INVALID_SPEC");
    expect(
      outcome(() =>
        expandSweep({ random: { samples: 1, seed: 0, space: { a: { int: [-(2 ** 53), 2 ** 53] } } } }),
      ),
    ).toBe("INVALID_SPEC");
    expect(
      outcome(() =>
        expandSweep({ random: { samples: 1, seed: 0, space: { a: { uniform: [-1e308, 1e308] } } } }),
      ),
    ).toBe("INVALID_SPEC");
  });
});

describe("#17.6: a deterministic INVALID_CONFIG job is not retried", () => {
  it("fails after one attempt whatever `attempts` says, while a transient error is retried", async () => {
    let calls = 0;
    const invalid: JobFunction = async () => {
      calls++;
      throw Object.assign(new Error("p must be prime, got 8"), { code: "INVALID_CONFIG" });
    };
    const jobs = expandSweep({ grid: { p: [8] } });
    const workDir = mkdtempSync(join(tmpdir(), "emerge-sweep-retry-"));
    const report = await runLocal(jobs, invalid, { attempts: 5, backoffMs: 1, workDir });
    expect(calls).toBe(1);
    expect(report.failed[0]?.error.code).toBe("INVALID_CONFIG");

    let flaky = 0;
    const transient: JobFunction = async () => {
      flaky++;
      if (flaky < 3) throw Object.assign(new Error("connection reset"), { code: "ECONNRESET" });
      return { ok: true };
    };
    const again = await runLocal(jobs, transient, { attempts: 5, backoffMs: 1, workDir });
    expect(flaky).toBe(3);
    expect(again.failed).toEqual([]);
  });
});

describe("fuzz: spec validation and expansion", () => {
  const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;
  const key = fc.constantFrom("a", "b.c", "seed", "x..y", "", "__proto__", "constructor", "optimizer.lr");
  const spec = fc.record(
    {
      name: fc.oneof(fc.string(), fc.integer()),
      base: fc.oneof(fc.dictionary(key, json), json),
      grid: fc.oneof(fc.dictionary(key, fc.oneof(fc.array(json, { maxLength: 4 }), json)), json),
      random: fc.oneof(
        fc.record({
          samples: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.constant(1e9)),
          seed: fc.oneof(fc.integer(), fc.string(), fc.double()),
          space: fc.dictionary(
            key,
            fc.oneof(
              fc.record({ uniform: fc.array(fc.double(), { maxLength: 3 }) }),
              fc.record({ logUniform: fc.array(fc.double(), { maxLength: 3 }) }),
              fc.record({ int: fc.array(fc.oneof(fc.integer(), fc.double()), { maxLength: 3 }) }),
              fc.record({ choice: fc.array(json, { maxLength: 3 }) }),
              json,
            ),
          ),
        }),
        json,
      ),
      seeds: fc.oneof(
        fc.array(fc.oneof(fc.integer(), fc.double()), { maxLength: 4 }),
        fc.record({
          count: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(1e12)),
          start: fc.oneof(fc.integer(), fc.double()),
        }),
        json,
      ),
      seedKey: fc.oneof(key, json),
      extra: json,
    },
    { requiredKeys: [] },
  );

  // Mostly well-formed specs, so the expansion itself (not only validation) is exercised.
  const scalar = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 3 }),
    fc.boolean(),
    fc.constant(null),
  );
  const wellFormed = fc.record(
    {
      base: fc.dictionary(fc.constantFrom("p", "lr", "model"), scalar),
      grid: fc.dictionary(
        fc.constantFrom("a", "b.c", "optimizer.lr", "p"),
        fc.array(scalar, { minLength: 1, maxLength: 3 }),
      ),
      random: fc.record({
        samples: fc.integer({ min: 1, max: 4 }),
        seed: fc.oneof(fc.integer(), fc.string()),
        space: fc.dictionary(
          fc.constantFrom("r.x", "r.y"),
          fc.oneof(
            fc.record({ uniform: fc.tuple(fc.double({ min: -10, max: 0 }), fc.double({ min: 1, max: 10 })) }),
            fc.record({ int: fc.tuple(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 0, max: 5 })) }),
            fc.record({ choice: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
          ),
          { minKeys: 1 },
        ),
      }),
      seeds: fc.oneof(
        fc.uniqueArray(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 3 }),
        fc.record({ count: fc.integer({ min: 1, max: 4 }), start: fc.integer({ min: -10, max: 10 }) }),
      ),
    },
    { requiredKeys: [] },
  );

  it("every spec either expands or is refused with a typed SweepError (never a TypeError, RandomError or abort)", () => {
    const tally = new Map<string, number>();
    fc.assert(
      fc.property(fc.oneof(spec, wellFormed, json), (s) => {
        const result = outcome(() => expandSweep(s as never));
        tally.set(result, (tally.get(result) ?? 0) + 1);
        expect(result).not.toMatch(/^UNTYPED/);
      }),
      { numRuns: 3000, seed: 1716 },
    );
    // For the closing note's table: how the inputs were answered.
    console.log(`spec fuzz: ${JSON.stringify(Object.fromEntries(tally))}`);
    expect(tally.get("ok") ?? 0).toBeGreaterThan(0);
  });

  it("CSV of arbitrary cells round-trips the RFC 4180 quoting rules", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.dictionary(
            fc.string({ minLength: 1, maxLength: 3 }),
            fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null)),
          ),
          { maxLength: 5 },
        ),
        (rows) => {
          const text = toCsv(rows);
          expect(text.endsWith("\r\n")).toBe(true);
          // Every field with a comma, quote or line break is quoted; a bare quote never appears unescaped.
          for (const row of rows)
            for (const v of Object.values(row))
              if (typeof v === "string" && /[",\r\n]/.test(v))
                expect(text).toContain(`"${v.replaceAll('"', '""')}"`);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});
