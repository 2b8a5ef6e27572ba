#!/usr/bin/env node
// Regenerate src/data/*.ts from the source CSVs (ryoungj/ObsScaling eval_results/ and EleutherAI/pythia evals,
// as flattened in the steering repo's shared/data/llm/). The generated files are committed: a clone of this
// repository, and the published package, need neither the CSVs nor this script.
//
//   node packages/llm-results/scripts/build-data.mjs [path/to/shared/data/llm]
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const src = resolve(process.argv[2] ?? "/work/shared/data/llm");
const out = resolve(import.meta.dirname, "../src/data");

/** RFC 4180-ish CSV: quoted fields with commas, no embedded newlines (true of these files). */
function parseCsv(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.length);
  const row = (line) => {
    const cells = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") {
        cells.push(cur);
        cur = "";
      } else cur += ch;
    }
    cells.push(cur);
    return cells;
  };
  const [header, ...rest] = lines.map(row);
  return rest.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])));
}
const read = (f) => parseCsv(readFileSync(join(src, f), "utf8"));
const num = (s) => (s === "" || s === undefined ? null : Number(s));
// 6 significant digits: far below the sampling error of any benchmark here (≥ 1/√n ≈ 0.01 for n ≤ 10⁴).
const r6 = (v) => (v === null ? null : Number(v.toPrecision(6)));

/**
 * Smallest n ≤ 20000 with at least 95 % of the scores multiples of 1/n (the number of questions), or null.
 * 95 % rather than all: a few models of a task can be scored on a slightly different set (IPA
 * transliteration: 1003 questions for all but 2 of 80 models).
 */
function inferQuestions(values) {
  const vs = values.filter((v) => v !== null && v > 0 && v < 1);
  if (vs.length < 5) return null;
  for (let n = 2; n <= 20000; n++) {
    const hits = vs.filter((v) => Math.abs(v * n - Math.round(v * n)) < 1e-6).length;
    if (hits >= 0.95 * vs.length) return n;
  }
  return null;
}

const base = read("obsscaling_base_llm_benchmark_eval.csv");
const emergent = new Map(read("obsscaling_base_llm_emergent_capability_eval.csv").map((r) => [r.Model, r]));
const post = new Map(read("obsscaling_base_llm_post_training_eval.csv").map((r) => [r.Model, r]));
for (const m of [...emergent.keys(), ...post.keys()])
  if (!base.some((b) => b.Model === m)) throw new Error(`${m} has results but no size`);

const models = base.map((r) => [
  r.Model,
  r["Model Family"],
  num(r["Model Size (B)"]),
  num(r["Pretraining Data Size (T)"]),
  r6(num(r["FLOPs (1E21)"])),
]);

// id, source file, source column, title, group, shots, chain of thought, scale max, chance, note
const metricDefs = [];
const def = (id, file, column, title, group, shots, cot, scale, chance, chanceNote) =>
  metricDefs.push({ id, file, column, title, group, shots, cot, scale, chance, chanceNote });
const choice = (k) => `${k} options per question`;
def("mmlu", "base", "MMLU", "MMLU", "benchmark", 5, false, 1, 0.25, choice(4));
def("arc_c", "base", "ARC-C", "ARC-Challenge", "benchmark", 25, false, 1, null, "3–5 options per question");
def("hellaswag", "base", "HellaSwag", "HellaSwag", "benchmark", 10, false, 1, 0.25, choice(4));
def("winogrande", "base", "Winograd", "Winogrande", "benchmark", 5, false, 1, 0.5, choice(2));
def(
  "truthfulqa",
  "base",
  "TruthfulQA",
  "TruthfulQA (MC2)",
  "benchmark",
  0,
  false,
  1,
  null,
  "MC2 is a normalised probability mass, no single chance level",
);
def("gsm8k", "base", "GSM8K", "GSM8K", "benchmark", 5, false, 1, 0, "free-form answer");
def("xwinograd", "base", "XWinograd", "XWinograd", "benchmark", 5, false, 1, 0.5, choice(2));
def("humaneval", "base", "HumanEval", "HumanEval (pass@1)", "benchmark", 0, false, 1, 0, "generated code");
const e = (id, column, title, scale = 1, chance = 0, note = "free-form answer") =>
  def(id, "emergent", column, title, "emergent", 2, false, scale, chance, note);
e(
  "parsinlu_qa",
  "parsinlu_qa_2_acc",
  "ParsiNLU QA (accuracy)",
  1,
  null,
  "multiple choice; options per question not recorded here",
);
e("word_unscrambling", "word_unscrambling_2_exact_match", "Word unscrambling (exact match)");
e("ipa_transliterate", "ipa_transliterate_2_exact_match", "IPA transliteration (exact match)");
e("ipa_transliterate_bleu", "ipa_transliterate_2_bleu", "IPA transliteration (BLEU)", 100);
e("arithmetic_3ds", "arithmetic_3ds_2_acc", "3-digit subtraction");
e("arithmetic_3da", "arithmetic_3da_2_acc", "3-digit addition");
e("arithmetic_2dm", "arithmetic_2dm_2_acc", "2-digit multiplication");
e("arithmetic_2da", "arithmetic_2da_2_acc", "2-digit addition");
const g = (id, column, title, shots, cot) =>
  def(id, "post", column, title, "gsm8k", shots, cot, 1, 0, "free-form answer");
g("gsm8k_5shot", "gsm8k_5_exact_match,flexible-extract", "GSM8K 5-shot", 5, false);
g("gsm8k_5shot_strict", "gsm8k_5_exact_match,strict-match", "GSM8K 5-shot (strict match)", 5, false);
g("gsm8k_cot_8shot", "gsm8k_cot_8_exact_match,flexible-extract", "GSM8K 8-shot CoT", 8, true);
g(
  "gsm8k_cot_8shot_strict",
  "gsm8k_cot_8_exact_match,strict-match",
  "GSM8K 8-shot CoT (strict match)",
  8,
  true,
);
g("gsm8k_cot_0shot", "gsm8k_cot_zeroshot_0_exact_match,flexible-extract", "GSM8K zero-shot CoT", 0, true);
g(
  "gsm8k_cot_sc_8shot",
  "gsm8k_cot_self_consistency_8_exact_match,maj@5-flexible-extract",
  "GSM8K 8-shot CoT, self-consistency (majority of 5)",
  8,
  true,
);

const postCols = Object.keys(post.values().next().value);
const bbhTasks = [
  ...new Set(
    postCols
      .map((c) => /^bbh_fewshot_(.+)_3_exact_match,/.exec(c)?.[1])
      .filter((t) => t !== undefined && t !== "overall"),
  ),
].sort();
const rowsOf = (file) =>
  models.map(([id]) =>
    file === "base" ? base.find((b) => b.Model === id) : (file === "emergent" ? emergent : post).get(id),
  );
for (const task of bbhTasks) {
  for (const cot of [false, true]) {
    const stem = `bbh_${cot ? "cot_" : ""}fewshot_${task}_3_exact_match,flexible-extract`;
    // The source's `norm` columns are (score − chance)/(1 − chance); solve for chance on every model and
    // check they agree, so the chance level comes from the data rather than from a count of options.
    const chances = rowsOf("post")
      .filter(Boolean)
      .map((r) => [num(r[stem]), num(r[`${stem},norm`])])
      .filter(([x, n]) => x !== null && n !== null && n < 0.999)
      .map(([x, n]) => (x - n) / (1 - n));
    chances.sort((a, b) => a - b);
    const chance = chances.length ? r6(chances[Math.floor(chances.length / 2)]) : null;
    const spread = chances.length ? chances.at(-1) - chances[0] : 0;
    if (spread > 1e-6) throw new Error(`${stem}: chance levels disagree (${chances[0]} … ${chances.at(-1)})`);
    def(
      `bbh${cot ? "_cot" : ""}/${task}`,
      "post",
      stem,
      `BBH ${task.replaceAll("_", " ")}${cot ? " (CoT)" : ""}`,
      "bbh",
      3,
      cot,
      1,
      chance,
      "solved from the source's normalised (score − chance)/(1 − chance) column",
    );
  }
}

const inferred = new Map();
const metrics = metricDefs.map((m) => {
  const rows = rowsOf(m.file);
  const raw = rows.map((r) => (r ? num(r[m.column]) : null));
  if (raw.every((v) => v === null)) throw new Error(`no values for ${m.id} (${m.column})`);
  let questions = m.scale === 1 ? inferQuestions(raw) : null;
  // CoT scores of BBH are not all multiples of 1/n (they come out as multiples of 1/(2n), 1/(5n), …), so
  // a CoT task takes the count of its direct-prompting twin: the same questions under another prompt.
  // Counts above 1000 on BBH (tasks have ≤ 250 questions) mean the same artefact: recorded as unknown.
  if (m.group === "bbh") {
    const task = m.id.replace(/^bbh(_cot)?\//, "");
    if (!m.cot) inferred.set(task, questions !== null && questions <= 1000 ? questions : null);
    questions = inferred.get(task) ?? null;
  }
  return { ...m, questions, values: raw.map(r6) };
});

const ignore =
  "// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: measured scores such as 0.693 are data, not approximations of ln 2\n";
const header = (
  what,
) => `${ignore}// GENERATED by packages/llm-results/scripts/build-data.mjs — do not edit by hand.
//
// ${what}
// Source: Ruan, Maddison & Hashimoto (2024), "Observational Scaling Laws and the Predictability of Language
// Model Performance", repository ryoungj/ObsScaling at commit 4d6e1e43fd2635d04654aa77d1df9d5266ea0382,
// folder eval_results/ (obsscaling_base_llm_benchmark_eval.csv, …_emergent_capability_eval.csv,
// …_post_training_eval.csv). Copyright the ObsScaling authors. Licensed under the Apache License, Version 2.0
// (http://www.apache.org/licenses/LICENSE-2.0); see NOTICE in this package. Changes: re-encoded as columns
// aligned with the model list, values rounded to 6 significant digits, norm columns dropped (chance levels
// solved from them instead), only the flexible-extract filter kept for BBH.
`;

const json = (v) => JSON.stringify(v);
let modelsTs = `${header("~100 public base language models: family, size (billions of parameters), pretraining tokens (trillions), training FLOPs (units of 1e21).")}
import type { MetricColumn, ModelRow } from "../types.js";

/** [id, family, parameters (B), pretraining tokens (T) | null, training FLOPs (1e21) | null]. */
export const MODEL_ROWS: readonly ModelRow[] = [
${models.map((m) => `  ${json(m)},`).join("\n")}
];

/** One column per metric, aligned with {@link MODEL_ROWS}; null where the source has no score. */
export const METRIC_COLUMNS: readonly MetricColumn[] = [
`;
for (const m of metrics) {
  modelsTs += `  {
    id: ${json(m.id)},
    title: ${json(m.title)},
    group: ${json(m.group)},
    shots: ${m.shots},
    chainOfThought: ${m.cot},
    scaleMax: ${m.scale},
    chance: ${json(m.chance)},
    chanceNote: ${json(m.chanceNote)},
    questions: ${json(m.questions)},
    sourceColumn: ${json(m.column)},
    values: ${json(m.values)},
  },
`;
}
modelsTs += "];\n";
writeFileSync(join(out, "obsscaling.ts"), modelsTs);

// Pythia: one record per (size, deduped, shots, task, metric), steps ascending.
const py = read("pythia_evals.csv");
const groups = new Map();
for (const r of py) {
  const key = [r.params, r.deduped, r.shots, r.task, r.metric].join("|");
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(r);
}
const sizeOrder = ["70m", "160m", "410m", "1b", "1.4b", "2.8b", "6.9b", "12b"];
const recs = [...groups.entries()].map(([key, rows]) => {
  const [size, deduped, shots, task, metric] = key.split("|");
  rows.sort((a, b) => Number(a.step) - Number(b.step));
  return {
    size,
    deduped: deduped === "1",
    shots: Number(shots),
    task,
    metric,
    steps: rows.map((r) => Number(r.step)),
    values: rows.map((r) => r6(num(r.value))),
    stderr: rows.map((r) => r6(num(r.stderr))),
  };
});
recs.sort(
  (a, b) =>
    sizeOrder.indexOf(a.size) - sizeOrder.indexOf(b.size) ||
    Number(a.deduped) - Number(b.deduped) ||
    a.shots - b.shots ||
    a.task.localeCompare(b.task) ||
    a.metric.localeCompare(b.metric),
);
const pyHeader = `${ignore}// GENERATED by packages/llm-results/scripts/build-data.mjs — do not edit by hand.
//
// Pythia (Biderman et al. 2023) evaluations at training checkpoints: lm-evaluation-harness outputs from
// repository EleutherAI/pythia at commit a19eecb807ec2c79a39ebf18108816e6ffffc1d5,
// evals/pythia-v1/pythia-<size>[-deduped]/{zero-shot,five-shot}/*.json. Copyright EleutherAI. Licensed under
// the Apache License, Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0); see NOTICE in this package.
// Changes: flattened to one record per (size, deduped, shots, task, metric), values and standard errors
// rounded to 6 significant digits; CrowS-Pairs and MMLU subtasks left out. pythia-1b (not deduped) is absent
// in the source.
import type { CheckpointRecord } from "../types.js";

export const PYTHIA_RECORDS: readonly CheckpointRecord[] = [
${recs.map((r) => `  ${json(r)},`).join("\n")}
];
`;
writeFileSync(join(out, "pythia.ts"), pyHeader);
console.log(
  `${models.length} models, ${metrics.length} metrics, ${bbhTasks.length} BBH tasks, ${recs.length} Pythia records`,
);
for (const m of metrics) console.log(`${m.id.padEnd(48)} chance ${m.chance} questions ${m.questions}`);
