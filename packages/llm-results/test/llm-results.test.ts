import { describe, expect, it } from "vitest";
import {
  BROWN_2020_TABLE_H1,
  checkpoints,
  families,
  LlmResultsError,
  metric,
  metrics,
  model,
  models,
  PYTHIA_SIZES,
  series,
  seriesByFamily,
  WEI_2022_TABLE_1,
} from "../src/index.js";

describe("models and families", () => {
  it("holds every model of Ruan et al.'s base list with size, tokens and FLOPs in absolute units", () => {
    expect(models()).toHaveLength(148);
    expect(families()).toHaveLength(47);
    const l7 = model("meta-llama/Llama-2-7b-hf");
    expect(l7).toEqual({
      id: "meta-llama/Llama-2-7b-hf",
      family: "Llama-2",
      params: 7e9,
      tokens: 2e12,
      flops: 84e21,
    });
    // FLOPs ≈ 6 N D in the source.
    const neo = model("EleutherAI/gpt-j-6b");
    expect(neo.flops).toBeCloseTo(6 * neo.params * (neo.tokens as number), -18);
    expect(models({ family: "Llama-2" }).map((m) => m.params)).toEqual([7e9, 13e9, 70e9]);
  });
  it("keeps missing tokens and FLOPs as null", () => {
    expect(model("Qwen/Qwen1.5-110B")).toMatchObject({ tokens: null, flops: null });
  });
});

describe("series", () => {
  it("gives one task/metric across a family, smallest first (values as in the source CSV)", () => {
    const s = series("arithmetic_3da", { family: "OPT" });
    expect(s.points[0]?.id).toBe("facebook/opt-125m");
    expect(s.points.at(-1)?.value).toBeCloseTo(0.054, 3);
    expect(
      series("arithmetic_3da", { family: "Qwen1.5" }).points.find((p) => p.params === 1.8e9)?.value,
    ).toBeCloseTo(0.89, 3);
    const ipa = series("ipa_transliterate", { family: "Llama-2" }).points.map((p) => p.value);
    const bleu = series("ipa_transliterate_bleu", { family: "Llama-2" }).points.map((p) => p.value);
    expect(ipa.map((v) => Number(v.toFixed(3)))).toEqual([0.072, 0.133, 0.281]);
    expect(bleu.map((v) => Number(v.toFixed(1)))).toEqual([27.2, 39.0, 53.1]);
    expect(metric("ipa_transliterate_bleu").scaleMax).toBe(100);
  });
  it("solves BBH chance levels from the source's normalised columns", () => {
    expect(metric("bbh/navigate").chance).toBe(0.5);
    expect(metric("bbh/logical_deduction_five_objects").chance).toBeCloseTo(0.2, 6);
    expect(metrics("bbh")).toHaveLength(54);
    expect(metric("gsm8k_cot_8shot").chainOfThought).toBe(true);
  });
  it("infers the questions behind each score from the scores' granularity", () => {
    expect(metric("arithmetic_3da").questions).toBe(2000);
    // 78 of 80 IPA scores are multiples of 1/1003; two models were scored on a slightly different set.
    expect(metric("ipa_transliterate").questions).toBe(1003);
    expect(metric("gsm8k").questions).toBe(1319);
    expect(metric("bbh_cot/navigate").questions).toBe(metric("bbh/navigate").questions);
    expect(metric("mmlu").questions).toBeNull();
  });
  it("lists families with enough sizes", () => {
    const fams = seriesByFamily("truthfulqa", { minSizes: 3 });
    expect(fams.every((f) => new Set(f.points.map((p) => p.params)).size >= 3)).toBe(true);
    // OLMo has two 7B models (OLMo-7B, OLMo-1.7-7B): sizes are counted once.
    const olmo = series("truthfulqa", { family: "OLMo" });
    expect(new Set(olmo.points.map((p) => p.params)).size).toBeLessThan(olmo.points.length);
    expect(fams.map((f) => f.family)).toEqual(expect.arrayContaining(["Pythia", "OPT", "Llama-2"]));
  });
  it("throws a typed error naming the unknown key", () => {
    expect(() => series("mmlu", { family: "GPT-5" })).toThrow(LlmResultsError);
    expect(() => series("mmlu", { family: "GPT-5" })).toThrow(/GPT-5/);
    expect(() => metric("nope")).toThrow(expect.objectContaining({ code: "UNKNOWN_METRIC" }));
    expect(() => model("x/y")).toThrow(expect.objectContaining({ code: "UNKNOWN_MODEL" }));
    for (const minSizes of [0, -1, 2.5, Number.NaN, 1001]) {
      expect(() => seriesByFamily("mmlu", { minSizes })).toThrow(
        expect.objectContaining({ code: "INVALID_OPTION" }),
      );
    }
  });
});

describe("Pythia checkpoints", () => {
  it("gives the score at each step with tokens and 6·N·D FLOPs", () => {
    const c = checkpoints({ size: "12b", task: "lambada_openai", deduped: false });
    expect(c.steps).toHaveLength(27);
    expect(c.values[c.steps.indexOf(143000)]).toBeCloseTo(0.705, 3);
    expect(c.tokens.at(-1)).toBe(143000 * 2_097_152);
    expect(c.flops.at(-1)).toBe(6 * 11_846_072_320 * 143000 * 2_097_152);
    expect(checkpoints({ size: "70m", task: "piqa", shots: 5 }).steps).toHaveLength(15);
    expect(PYTHIA_SIZES).toHaveLength(8);
  });
  it("rejects a series the source does not have", () => {
    expect(() => checkpoints({ size: "1b", deduped: false, task: "piqa" })).toThrow(/no series/);
    expect(() => checkpoints({ size: "3b", task: "piqa" })).toThrow(
      expect.objectContaining({ code: "UNKNOWN_CHECKPOINTS" }),
    );
  });
});

describe("published tables", () => {
  it("carries Wei et al. Table 1 with both halves", () => {
    expect(WEI_2022_TABLE_1.rows).toHaveLength(23);
    expect(WEI_2022_TABLE_1.rows.filter((r) => r.kind === "augmented prompting")).toHaveLength(13);
    expect(WEI_2022_TABLE_1.rows[0]).toMatchObject({ trainFlops: 2.3e22, params: 13e9, model: "GPT-3" });
  });
  it("carries GPT-3 Table H.1 arithmetic with eight sizes per setting", () => {
    expect(BROWN_2020_TABLE_H1.rows).toHaveLength(10);
    for (const r of BROWN_2020_TABLE_H1.rows)
      for (const s of [r.zeroShot, r.oneShot, r.fewShot]) expect(s).toHaveLength(8);
    // 175B few-shot equals Table 3.9.
    expect(BROWN_2020_TABLE_H1.rows.find((r) => r.task === "3D+")?.fewShot.at(-1)).toBe(80.4);
  });
});
