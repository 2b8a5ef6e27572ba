/**
 * The lab tab's logic in Node: settings (bounds, errors naming the field, shareable links), the
 * member config grok accepts, one member trained on grok's cpu backend (sizes counted from the
 * checkpoint), and emergence() + the figure on finished members.
 */
import { cpuBackend, createTrainer, type DecoderConfig, resolveConfig } from "@emerge/grok";
import { describe, expect, it } from "vitest";
import { familyChart, fitFamily, mirageChart } from "../src/lab/family-curve.js";
import { type LabMember, trainLabMember } from "../src/lab/member.js";
import { scoreByPlace, scorePositions } from "../src/lab/positions.js";
import {
  defaultLabSettings,
  LabSettingsError,
  labMemberConfig,
  labTestProblems,
  parseLabSettings,
  toLabQuery,
} from "../src/lab/settings.js";

const fieldOf = (raw: Record<string, string>) => {
  try {
    parseLabSettings(raw);
  } catch (e) {
    if (e instanceof LabSettingsError) return [e.field, e.code, e.message];
    throw e;
  }
  return null;
};

describe("lab settings", () => {
  it("fills defaults, sorts and dedupes widths, and round-trips through a link", () => {
    expect(parseLabSettings({})).toEqual(defaultLabSettings);
    const s = parseLabSettings({ widths: "16, 4 8,8", steps: "300", reverse: "true", backend: "cpu" });
    expect(s.widths).toEqual([4, 8, 16]);
    expect(s.reverse).toBe(true);
    expect(parseLabSettings(Object.fromEntries(new URLSearchParams(toLabQuery(s))))).toEqual(s);
  });

  it("refuses bad values with a typed error naming the field and the value", () => {
    expect(fieldOf({ widths: "4, 5" })).toEqual([
      "widths",
      "INVALID_SETTING",
      'widths must be whole multiples of 2 from 2 to 64, got "5"',
    ]);
    expect(fieldOf({ widths: "8" })?.[0]).toBe("widths"); // one size is no family
    expect(fieldOf({ widths: "2 4 6 8 10 12 14 16 18" })?.[0]).toBe("widths"); // over 8 members
    expect(fieldOf({ widths: "66, 4" })?.[0]).toBe("widths");
    expect(fieldOf({ digits: "1" })?.[0]).toBe("digits"); // too few held-out problems
    expect(fieldOf({ steps: "0" })?.[0]).toBe("steps");
    expect(fieldOf({ steps: "20001" })?.[0]).toBe("steps");
    expect(fieldOf({ steps: "1.5" })?.[0]).toBe("steps");
    expect(fieldOf({ batch: "257" })?.[0]).toBe("batch");
    expect(fieldOf({ lr: "2" })?.[0]).toBe("lr");
    expect(fieldOf({ lr: "NaN" })?.[0]).toBe("lr");
    expect(fieldOf({ seed: "-1" })?.[0]).toBe("seed");
    expect(fieldOf({ reverse: "yes" })?.[0]).toBe("reverse");
    expect(fieldOf({ backend: "webgpu" })?.[0]).toBe("backend");
  });

  it("maps every member onto a decoder config that grok's strict resolver accepts", () => {
    for (const width of defaultLabSettings.widths) {
      const config = resolveConfig(labMemberConfig(defaultLabSettings, width));
      expect(config.model).toMatchObject({
        kind: "decoder",
        layers: 1,
        dModel: width,
        heads: 2,
        dMlp: 4 * width,
      });
      expect(config.task).toMatchObject({
        family: "arithmetic",
        options: { op: "add", digits: 2 },
        reverse: false,
      });
      expect(config.stopAfterGeneralization).toBeNull();
    }
  });
});

describe("a lab member on grok's cpu backend", () => {
  const settings = parseLabSettings({ widths: "4, 8", steps: "30", batch: "8", backend: "cpu" });

  async function member(width: number): Promise<LabMember> {
    const backend = await cpuBackend();
    try {
      return await trainLabMember(width, labMemberConfig(settings, width), backend);
    } finally {
      backend.dispose();
    }
  }

  it("trains, scores the held-out split, and counts non-embedding parameters from the checkpoint", async () => {
    const steps: number[] = [];
    const backend = await cpuBackend();
    const m = await trainLabMember(8, labMemberConfig(settings, 8), backend, {
      onStep: (s) => steps.push(s),
    });
    backend.dispose();
    expect(steps).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // One pre-LN block: Q, K, V, O (4d²) + MLP d→4d→d (8d²) + biases and LayerNorms (10d), final LN (2d).
    expect(m.nonEmbeddingParams).toBe(12 * 8 * 8 + 12 * 8);
    expect(m.params).toBeGreaterThan(m.nonEmbeddingParams);
    expect(m.testProblems).toBe(labTestProblems);
    expect(m.steps).toBe(30);
    expect(m.exactMatch).toBeGreaterThanOrEqual(0);
    expect(m.exactMatch).toBeLessThanOrEqual(1);
    expect(m.perDigitAccuracy).toBeGreaterThanOrEqual(m.exactMatch);
    expect(Number.isFinite(m.testLoss)).toBe(true);
    expect(m.stepsPerS).toBeGreaterThan(0);
    expect(m.gpuProgramFallbacks).toBeNull();
    expect(m.backend).toMatch(/^cpu/);
  });

  it("is a pure function of its config: the same member twice gives the same scores", async () => {
    const [a, b] = [await member(4), await member(4)];
    expect({ ...b, stepsPerS: 0, seconds: 0 }).toEqual({ ...a, stepsPerS: 0, seconds: 0 });
    expect(a.nonEmbeddingParams).toBe(12 * 16 + 12 * 4);
  });
});

describe("answers scored by place", () => {
  it("aligns places from the right, and a missing digit on both sides is right", () => {
    const s = scoreByPlace(["143", "42", "99", ""], ["143", "52", "109", "7"], 3);
    expect(s.exactMatch).toBe(0.25);
    // units 3/4 ("" ≠ "7"); tens 2/4 (4 ≠ 5, 9 ≠ 0); hundreds 3/4 (only "99" lacks the 1 of "109")
    expect(s.perPosition).toEqual([0.75, 0.5, 0.75]);
    expect(s.productOfPositions).toBeCloseTo(0.75 * 0.5 * 0.75, 12);
  });

  it("decodes with grok's decoder the answers grok's evaluation scored (same exact match)", async () => {
    const config = labMemberConfig(parseLabSettings({ widths: "8, 16", steps: "1000", reverse: "true" }), 16);
    const backend = await cpuBackend();
    const trainer = await createTrainer(config, { backend });
    const { metrics } = await trainer.run();
    const sequences = trainer.sequences;
    if (sequences === undefined) throw new Error("no sequences");
    const s = await scorePositions(
      backend,
      await trainer.checkpoint(),
      sequences,
      trainer.config.model as DecoderConfig,
      true,
      sequences.maxAnswer - 1,
    );
    trainer.dispose();
    backend.dispose();
    const testAcc = metrics.at(-1)?.testAcc ?? Number.NaN;
    expect(s.exactMatch).toBe(testAcc);
    // Trained a little, so the check is not 0 = 0: some answers right, some places better than others.
    expect(testAcc).toBeGreaterThan(0);
    expect(s.perPosition).toHaveLength(3);
    for (const a of s.perPosition) expect(a).toBeGreaterThanOrEqual(s.exactMatch);
  });
});

describe("the family's emergence curve", () => {
  const fake = (width: number, exactMatch: number, perDigitAccuracy: number): LabMember => ({
    width,
    params: 0,
    nonEmbeddingParams: 12 * width * width + 12 * width,
    testProblems: 200,
    exactMatch,
    perDigitAccuracy,
    perPosition: [perDigitAccuracy, perDigitAccuracy, 1],
    productOfPositions: perDigitAccuracy ** 2,
    testLoss: 1,
    steps: 100,
    stepsPerS: 1,
    seconds: 1,
    backend: "test",
    gpuProgramFallbacks: null,
  });

  it("says so below five sizes, and fits both metrics from five on", () => {
    const two = [fake(4, 0.01, 0.4), fake(8, 0.02, 0.45)];
    expect(fitFamily(two).map((f) => f.verdict)).toEqual(["insufficient-data", "insufficient-data"]);
    const five = [
      fake(4, 0.0, 0.35),
      fake(6, 0.01, 0.4),
      fake(8, 0.02, 0.5),
      fake(12, 0.6, 0.85),
      fake(16, 0.9, 0.96),
    ];
    const fits = fitFamily([...five].reverse()); // order of arrival does not matter
    expect(fits.map((f) => f.key)).toEqual(["exactMatch", "perDigitAccuracy"]);
    for (const f of fits) {
      expect(f.result?.models.length).toBeGreaterThan(0);
      expect(f.reason.length).toBeGreaterThan(10);
    }
  });

  it("reports data emergence() refuses as not-fitted instead of throwing", () => {
    const fits = fitFamily([fake(4, Number.NaN, 0.3), fake(6, 0.1, 0.4)]);
    expect(fits[0]?.verdict).toBe("not-fitted");
    expect(fits[0]?.reason).toMatch(/finite|number|NaN/i);
  });

  it("draws one panel per metric, and the digits beside exact match", async () => {
    const members = [
      fake(4, 0.0, 0.35),
      fake(6, 0.01, 0.4),
      fake(8, 0.02, 0.5),
      fake(12, 0.6, 0.85),
      fake(16, 0.9, 0.96),
    ];
    const svg = await familyChart(members, fitFamily(members), 2).toSVG();
    expect(svg).toContain("exact match");
    expect(svg).toContain("per-digit accuracy");
    expect(svg).toContain("2-digit addition: the family so far (5 members)");
    const digits = await mirageChart(members, 2).toSVG();
    for (const name of ["exact match", "Π per-place accuracy", "units digit", "tens digit", "hundreds digit"])
      expect(digits).toContain(name);
  });
});
