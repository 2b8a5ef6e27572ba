import { describe, expect, it } from "vitest";
import {
  defaultSettings,
  evalEvery,
  parseSettings,
  SettingsError,
  toGrokConfig,
  toQuery,
} from "../src/settings.js";

describe("page settings", () => {
  it("fills defaults and round-trips through a shareable URL", () => {
    expect(parseSettings({})).toEqual(defaultSettings);
    const s = parseSettings({ p: "31", op: "sub", trainFraction: "0.4", width: "256", backend: "cpu" });
    expect(parseSettings(Object.fromEntries(new URLSearchParams(toQuery(s))))).toEqual(s);
  });

  it("names the field of a bad value", () => {
    const field = (raw: Record<string, string>) => {
      try {
        parseSettings(raw);
      } catch (e) {
        if (e instanceof SettingsError) return e.field;
        throw e;
      }
      return null;
    };
    expect(field({ p: "21" })).toBe("p"); // not prime
    expect(field({ p: "23.5" })).toBe("p");
    expect(field({ op: "pow" })).toBe("op");
    expect(field({ trainFraction: "1" })).toBe("trainFraction");
    expect(field({ weightDecay: "-1" })).toBe("weightDecay");
    expect(field({ lr: "0" })).toBe("lr");
    expect(field({ backend: "webgpu" })).toBe("backend");
    // S5 operations ignore p, so any p in range is accepted.
    expect(field({ op: "s5", p: "21" })).toBeNull();
  });

  it("maps onto @emerge/grok's config with ~300 evaluations per run", () => {
    const config = toGrokConfig({ ...defaultSettings, steps: 3000, width: 128, weightDecay: 0.5, lr: 0.003 });
    expect(config).toMatchObject({
      op: "add",
      p: 23,
      model: { kind: "mlp", width: 128, depth: 1, activation: "quadratic", bias: false },
      optimizer: { lr: 0.003, weightDecay: 0.5 },
      batchSize: "full",
      evalEvery: 10,
      stopAfterGeneralization: 50,
    });
    expect(evalEvery(100)).toBe(1);
  });
});
