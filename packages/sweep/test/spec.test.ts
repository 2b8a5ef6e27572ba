import { describe, expect, it } from "vitest";
import { canonicalJson, configHash, expandSweep, SweepError, validateSweepSpec } from "../src/index.js";

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SweepError);
    return (error as SweepError).code;
  }
  return undefined;
};

describe("canonicalJson", () => {
  it("sorts keys at every depth, so key order never changes the text", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}',
    );
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it("rejects what JSON would silently mangle", () => {
    expect(code(() => canonicalJson({ lr: Number.NaN }))).toBe("INVALID_CONFIG");
    expect(code(() => canonicalJson({ lr: Number.POSITIVE_INFINITY }))).toBe("INVALID_CONFIG");
    expect(code(() => canonicalJson({ lr: undefined }))).toBe("INVALID_CONFIG");
    expect(code(() => canonicalJson({ when: new Date(0) }))).toBe("INVALID_CONFIG");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(code(() => canonicalJson(cyclic))).toBe("INVALID_CONFIG");
  });
});

describe("configHash", () => {
  it("is 16 hex digits, independent of key order, sensitive to values", () => {
    const h = configHash({ p: 97, optimizer: { lr: 0.001, weightDecay: 1 } });
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(configHash({ optimizer: { weightDecay: 1, lr: 0.001 }, p: 97 })).toBe(h);
    expect(configHash({ p: 97, optimizer: { lr: 0.001, weightDecay: 0.3 } })).not.toBe(h);
  });

  it("is the SHA-256 prefix of the canonical text (stable across machines and versions)", async () => {
    const { createHash } = await import("node:crypto");
    const text = '{"a":1,"b":[true,null,"x"]}';
    expect(configHash({ b: [true, null, "x"], a: 1 })).toBe(
      createHash("sha256").update(text).digest("hex").slice(0, 16),
    );
  });
});

describe("expandSweep", () => {
  it("takes the Cartesian product grid × seeds, first grid key slowest, seeds fastest", () => {
    const jobs = expandSweep({
      base: { p: 7, optimizer: { lr: 0.01 } },
      grid: { "optimizer.weightDecay": [0, 1], trainFraction: [0.3, 0.5, 0.7] },
      seeds: { count: 2, start: 10 },
    });
    expect(jobs).toHaveLength(12);
    expect(jobs.map((j) => j.index)).toEqual([...Array(12).keys()]);
    expect(jobs[0]!.config).toEqual({
      p: 7,
      optimizer: { lr: 0.01, weightDecay: 0 },
      trainFraction: 0.3,
      seed: 10,
    });
    expect(jobs[1]!.config).toEqual({
      p: 7,
      optimizer: { lr: 0.01, weightDecay: 0 },
      trainFraction: 0.3,
      seed: 11,
    });
    expect(jobs[11]!.config).toEqual({
      p: 7,
      optimizer: { lr: 0.01, weightDecay: 1 },
      trainFraction: 0.7,
      seed: 11,
    });
    expect(new Set(jobs.map((j) => j.id)).size).toBe(12);
    for (const job of jobs) expect(job.id).toBe(configHash(job.config));
  });

  it("draws random search samples reproducibly from the seed, within their distributions", () => {
    const spec = {
      base: { steps: 100 },
      random: {
        samples: 50,
        seed: 3,
        space: {
          lr: { logUniform: [1e-4, 1e-1] as const },
          wd: { uniform: [0, 2] as const },
          width: { int: [8, 12] as const },
          act: { choice: ["relu", "gelu"] },
        },
      },
      seeds: [0],
    };
    const a = expandSweep(spec);
    expect(a).toEqual(expandSweep(spec));
    expect(a).toHaveLength(50);
    const other = expandSweep({ ...spec, random: { ...spec.random, seed: 4 } });
    expect(other.map((j) => j.id)).not.toEqual(a.map((j) => j.id));
    for (const { config } of a) {
      expect(config.lr as number).toBeGreaterThanOrEqual(1e-4);
      expect(config.lr as number).toBeLessThan(1e-1);
      expect(config.wd as number).toBeGreaterThanOrEqual(0);
      expect(config.wd as number).toBeLessThan(2);
      expect(Number.isInteger(config.width)).toBe(true);
      expect([8, 9, 10, 11, 12]).toContain(config.width);
      expect(["relu", "gelu"]).toContain(config.act);
    }
    // log-uniform: about as many draws below the geometric middle as above it
    const below = a.filter((j) => (j.config.lr as number) < 10 ** -2.5).length;
    expect(below).toBeGreaterThan(12);
    expect(below).toBeLessThan(38);
  });

  it("combines a grid with random samples", () => {
    const jobs = expandSweep({
      grid: { a: [1, 2] },
      random: { samples: 3, seed: 0, space: { b: { uniform: [0, 1] } } },
    });
    expect(jobs).toHaveLength(6);
    expect(jobs[0]!.config.b).toBe(jobs[3]!.config.b); // the same draws for every grid point
  });

  it("writes the seed to seedKey", () => {
    expect(expandSweep({ seeds: [5], seedKey: "data.seed" })[0]!.config).toEqual({ data: { seed: 5 } });
  });

  it("rejects malformed specs with INVALID_SPEC naming the field", () => {
    const bad: unknown[] = [
      null,
      [],
      { grid: { lr: [] } },
      { grid: { lr: 0.1 } },
      { grid: { "a..b": [1] } },
      { seeds: [] },
      { seeds: [1, 1] },
      { seeds: { count: 0 } },
      { seeds: [0.5] },
      { random: { samples: 0, seed: 1, space: { a: { uniform: [0, 1] } } } },
      { random: { samples: 2, seed: 1, space: { a: { uniform: [1, 0] } } } },
      { random: { samples: 2, seed: 1, space: { a: { logUniform: [0, 1] } } } },
      { random: { samples: 2, seed: 1, space: { a: { normal: [0, 1] } } } },
      { random: { samples: 2, seed: 1, space: {} } },
      { grid: { a: [1] }, random: { samples: 2, seed: 1, space: { a: { uniform: [0, 1] } } } },
      { gird: { a: [1] } },
      { base: { lr: Number.NaN } },
      { grid: { a: [1, 1] } },
      { base: { optimizer: 3 }, grid: { "optimizer.lr": [1] } },
    ];
    for (const spec of bad) {
      expect(
        code(() => expandSweep(spec as never)),
        JSON.stringify(spec),
      ).toBe("INVALID_SPEC");
    }
    expect(() => validateSweepSpec({ gird: {} })).toThrow(/unknown key "gird"/);
    expect(() => expandSweep({ grid: { a: [1, 1] } })).toThrow(/same config/);
  });

  it("an empty spec is one job: the base config", () => {
    const jobs = expandSweep({ base: { x: 1 } });
    expect(jobs).toEqual([{ id: configHash({ x: 1 }), index: 0, config: { x: 1 } }]);
  });
});
