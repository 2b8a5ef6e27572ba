import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  configLimits,
  createTrainer,
  defaultConfig,
  GrokError,
  isResolvedConfig,
  resolveConfig,
  revalidateConfig,
} from "../src/index.js";

const invalid = (input: unknown): string => {
  try {
    resolveConfig(input as never);
  } catch (e) {
    expect(e).toBeInstanceOf(GrokError);
    expect((e as GrokError).code).toBe("INVALID_CONFIG");
    return (e as GrokError).message;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
};

describe("resolveConfig", () => {
  it("rejects unknown keys at any depth, naming the key and the nearest valid one", () => {
    expect(invalid({ optimizer: { lrr: 0.1 } })).toBe(
      "unknown key optimizer.lrr; did you mean optimizer.lr?",
    );
    expect(invalid({ stepz: 10 })).toBe("unknown key stepz; did you mean steps?");
    expect(invalid({ model: { widht: 64 } })).toBe("unknown key model.widht; did you mean model.width?");
    expect(invalid({ model: { kind: "transformer", dmodel: 64 } })).toBe(
      "unknown key model.dmodel; did you mean model.dModel?",
    );
    expect(invalid({ colour: "red" })).toMatch(/^unknown key colour \(valid: op, p, /);
    // a key of the other model kind says so instead of guessing a typo
    expect(invalid({ model: { dModel: 64 } })).toMatch(/model\.dModel applies to model\.kind "transformer"/);
    expect(invalid({ optimizer: { lr: 1e-3, weight_decay: 1 } })).toMatch(
      /did you mean optimizer\.weightDecay\?/,
    );
  });

  it("keeps null (run all steps) apart from absent (default 100), through a second resolution and the trainer", async () => {
    const resolved = resolveConfig({ p: 7, steps: 3, stopAfterGeneralization: null });
    expect(resolved.stopAfterGeneralization).toBeNull();
    expect(resolveConfig({}).stopAfterGeneralization).toBe(100);
    expect(resolveConfig({ stopAfterGeneralization: 0 }).stopAfterGeneralization).toBe(0);
    // the bug: a resolved config passed on was re-defaulted (null became 100)
    expect(resolveConfig(resolved)).toBe(resolved);
    expect(resolveConfig({ ...resolved }).stopAfterGeneralization).toBeNull();
    expect(resolveConfig(JSON.parse(JSON.stringify(resolved))).stopAfterGeneralization).toBeNull();
    const trainer = await createTrainer(resolved);
    expect(trainer.config.stopAfterGeneralization).toBeNull();
    trainer.dispose();
  });

  it("brands and freezes what it resolves", () => {
    const resolved = resolveConfig({ p: 11 });
    expect(isResolvedConfig(resolved)).toBe(true);
    expect(isResolvedConfig({ ...resolved })).toBe(false);
    expect(Object.isFrozen(resolved.model)).toBe(true);
    expect(() => {
      (resolved as { p: number }).p = 13;
    }).toThrow(TypeError);
  });

  it("range-checks every count against configLimits", () => {
    expect(invalid({ p: configLimits.p + 1 })).toBe(
      `p must be an integer in [2, ${configLimits.p}], got 1001`,
    );
    expect(invalid({ steps: 1e12 })).toMatch(/^steps must be an integer in \[0, 100000000\]/);
    expect(invalid({ model: { width: 1e9 } })).toMatch(/^model\.width/);
    expect(invalid({ batchSize: 1e7 })).toMatch(/^batchSize/);
    expect(invalid({ optimizer: { lr: Number.NaN } })).toBe(
      "optimizer.lr must be a finite number > 0, got NaN",
    );
    expect(invalid({ model: { bias: "false" } })).toBe('model.bias must be true or false, got "false"');
    expect(invalid({ loss: "msee" })).toMatch(/did you mean "mse"\?$/);
    expect(invalid(null)).toBe("config must be an object, got null");
    expect(invalid({ model: [] })).toBe("model must be an object, got []");
  });

  it("reads back stored configs: a missing stopAfterGeneralization meant 'run all steps'", () => {
    const { stopAfterGeneralization: _, ...old } = JSON.parse(JSON.stringify(defaultConfig));
    expect(revalidateConfig(old).stopAfterGeneralization).toBeNull();
    expect(() => revalidateConfig({ ...old, optimizer: { lrr: 1 } })).toThrow(/optimizer\.lrr/);
  });

  it("fuzz: any JSON input either resolves to a config that resolves to itself, or throws INVALID_CONFIG", () => {
    let tried = 0;
    let typed = 0;
    const key = fc.constantFrom(
      ...Object.keys(defaultConfig),
      "lrr",
      "model",
      "optimizer",
      "__proto__",
      "kind",
    );
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(null, "full", "mlp", "transformer", "add", 0, -1, 1.5, 1e9, Number.NaN),
      fc.dictionary(
        fc.constantFrom("kind", "width", "dModel", "heads", "lr", "lrr", "bias", "weightDecay"),
        fc.oneof(fc.jsonValue(), fc.constantFrom("transformer", "mlp", 4, 64, 0.1)),
      ),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value), (input) => {
        tried++;
        let config: ReturnType<typeof resolveConfig>;
        try {
          config = resolveConfig(input as never);
        } catch (e) {
          typed++;
          expect(e).toBeInstanceOf(GrokError);
          expect((e as GrokError).code).toBe("INVALID_CONFIG");
          expect((e as GrokError).message).not.toMatch(/\n/);
          return;
        }
        expect(resolveConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
      }),
      { numRuns: 2000, seed: 17 },
    );
    console.log(`config fuzz: ${tried} inputs, ${typed} typed INVALID_CONFIG errors, 0 failures`);
  });
});
