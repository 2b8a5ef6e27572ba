// Numbers transcribed from the papers' own text (see each constant's `source`); never from memory.

/** A published number's origin: paper, table, and where it was read. */
export interface Citation {
  readonly paper: string;
  readonly table: string;
  /** Where the table sits and which copy of the paper's text it was read in. */
  readonly where: string;
}

/** One row of Wei et al. 2022, Table 1: the scale at which an ability emerges. */
export interface EmergentScaleRow {
  readonly ability: string;
  readonly kind: "few-shot prompting" | "augmented prompting";
  /** Training FLOPs at which the ability emerges (null: the row says "many"). */
  readonly trainFlops: number | null;
  /** Parameters at which it emerges (null: "many"). */
  readonly params: number | null;
  readonly model: string;
  readonly reference: string;
}

/**
 * Wei et al. (2022), "Emergent Abilities of Large Language Models", TMLR 08/2022, Table 1: "List of
 * emergent abilities of large language models and the scale (both training FLOPs and number of model
 * parameters) at which the abilities emerge". The TMLR version has no separate Table 2: the augmented
 * prompting rows are the second half of Table 1. The text copies leave the model blank on the second
 * GPT-3 row and the second and third Gopher rows; those are filled from the rows above.
 *
 * @example
 * ```ts
 * WEI_2022_TABLE_1.rows.find((r) => r.ability.startsWith("Addition/subtraction (3"))?.params; // 13e9
 * ```
 */
export const WEI_2022_TABLE_1: {
  readonly source: Citation;
  readonly rows: readonly EmergentScaleRow[];
} = {
  source: {
    paper:
      "Wei, Tay, Bommasani, Raffel, Zoph, Borgeaud, Yogatama, Bosma, Zhou, Metzler, Chi, Hashimoto, Vinyals, Liang, Dean & Fedus (2022). Emergent Abilities of Large Language Models. Transactions on Machine Learning Research (08/2022). arXiv:2206.07682.",
    table: "Table 1",
    where:
      "end of §4 (Augmented prompting strategies), immediately before §5 Discussion; read in two text copies of the TMLR version that agree. Page number not checked against a paginated copy.",
  },
  rows: [
    ["Addition/subtraction (3 digit)", "few-shot prompting", 2.3e22, 13e9, "GPT-3", "Brown et al. (2020)"],
    ["Addition/subtraction (4-5 digit)", "few-shot prompting", 3.1e23, 175e9, "GPT-3", "Brown et al. (2020)"],
    [
      "MMLU Benchmark (57 topic avg.)",
      "few-shot prompting",
      3.1e23,
      175e9,
      "GPT-3",
      "Hendrycks et al. (2021a)",
    ],
    [
      "Toxicity classification (CivilComments)",
      "few-shot prompting",
      1.3e22,
      7.1e9,
      "Gopher",
      "Rae et al. (2021)",
    ],
    ["Truthfulness (Truthful QA)", "few-shot prompting", 5.0e23, 280e9, "Gopher", "Rae et al. (2021)"],
    ["MMLU Benchmark (26 topics)", "few-shot prompting", 5.0e23, 280e9, "Gopher", "Rae et al. (2021)"],
    ["Grounded conceptual mappings", "few-shot prompting", 3.1e23, 175e9, "GPT-3", "Patel & Pavlick (2022)"],
    [
      "MMLU Benchmark (30 topics)",
      "few-shot prompting",
      5.0e23,
      70e9,
      "Chinchilla",
      "Hoffmann et al. (2022)",
    ],
    [
      "Word in Context (WiC) benchmark",
      "few-shot prompting",
      2.5e24,
      540e9,
      "PaLM",
      "Chowdhery et al. (2022)",
    ],
    ["Many BIG-Bench tasks (see Appendix E)", "few-shot prompting", null, null, "Many", "BIG-Bench (2022)"],
    ["Instruction following (finetuning)", "augmented prompting", 1.3e23, 68e9, "FLAN", "Wei et al. (2022a)"],
    [
      "Scratchpad: 8-digit addition (finetuning)",
      "augmented prompting",
      8.9e19,
      40e6,
      "LaMDA",
      "Nye et al. (2021)",
    ],
    [
      "Using open-book knowledge for fact checking",
      "augmented prompting",
      1.3e22,
      7.1e9,
      "Gopher",
      "Rae et al. (2021)",
    ],
    [
      "Chain-of-thought: Math word problems",
      "augmented prompting",
      1.3e23,
      68e9,
      "LaMDA",
      "Wei et al. (2022b)",
    ],
    ["Chain-of-thought: StrategyQA", "augmented prompting", 2.9e23, 62e9, "PaLM", "Chowdhery et al. (2022)"],
    ["Differentiable search index", "augmented prompting", 3.3e22, 11e9, "T5", "Tay et al. (2022b)"],
    ["Self-consistency decoding", "augmented prompting", 1.3e23, 68e9, "LaMDA", "Wang et al. (2022b)"],
    [
      "Leveraging explanations in prompting",
      "augmented prompting",
      5.0e23,
      280e9,
      "Gopher",
      "Lampinen et al. (2022)",
    ],
    ["Least-to-most prompting", "augmented prompting", 3.1e23, 175e9, "GPT-3", "Zhou et al. (2022)"],
    [
      "Zero-shot chain-of-thought reasoning",
      "augmented prompting",
      3.1e23,
      175e9,
      "GPT-3",
      "Kojima et al. (2022)",
    ],
    ["Calibration via P(True)", "augmented prompting", 2.6e23, 52e9, "Anthropic", "Kadavath et al. (2022)"],
    [
      "Multilingual chain-of-thought reasoning",
      "augmented prompting",
      2.9e23,
      62e9,
      "PaLM",
      "Shi et al. (2022)",
    ],
    ["Ask me anything prompting", "augmented prompting", 1.4e22, 6e9, "EleutherAI", "Arora et al. (2022)"],
  ].map(([ability, kind, trainFlops, params, model, reference]) => ({
    ability,
    kind,
    trainFlops,
    params,
    model,
    reference,
  })) as EmergentScaleRow[],
};

/** GPT-3 arithmetic task names of Brown et al. (2020): digits and operation. */
export type Gpt3ArithmeticTask =
  | "2D+"
  | "2D-"
  | "3D+"
  | "3D-"
  | "4D+"
  | "4D-"
  | "5D+"
  | "5D-"
  | "2Dx"
  | "1DC";

/** One arithmetic row of Table H.1: accuracy (%) per model size in each setting. */
export interface Gpt3ArithmeticRow {
  readonly task: Gpt3ArithmeticTask;
  /** Digits per operand (1DC: composite one-digit operations, 1). */
  readonly digits: number;
  readonly operation: "addition" | "subtraction" | "multiplication" | "composite";
  /** Accuracy in percent, one per size of {@link BROWN_2020_TABLE_H1}.sizes. */
  readonly zeroShot: readonly number[];
  readonly oneShot: readonly number[];
  /** K = 50 examples in the prompt. */
  readonly fewShot: readonly number[];
}

/**
 * Brown et al. (2020), "Language Models are Few-Shot Learners", Table H.1 ("Scores for every task, setting
 * and model that we investigate in this paper"): the ten arithmetic rows, accuracy in percent for the eight
 * GPT-3 sizes (all trained on 300B tokens) zero-, one- and few-shot (K = 50). 2,000 problems per task
 * (§3.9.1); the answer must match exactly.
 *
 * @example
 * ```ts
 * const add3 = BROWN_2020_TABLE_H1.rows.find((r) => r.task === "3D+");
 * add3?.fewShot.at(-1); // 80.4 (175B)
 * ```
 */
export const BROWN_2020_TABLE_H1: {
  readonly source: Citation;
  /** Parameters of the eight sizes (Table 2.1): 125M … 175B. */
  readonly sizes: readonly number[];
  readonly tokens: number;
  readonly rows: readonly Gpt3ArithmeticRow[];
} = {
  source: {
    paper:
      "Brown, Mann, Ryder, Subbiah, Kaplan, Dhariwal, et al. (2020). Language Models are Few-Shot Learners. NeurIPS 2020. arXiv:2005.14165v4.",
    table: "Table H.1",
    where:
      "Appendix H (the master table), read in the arXiv v4 LaTeX source (via jd-coderepos/sota @ c50d9173, dataset/train/2005.14165v4/2005.14165v4.tex); column order zero / one / few-shot × 125M … 175B confirmed by the 175B columns equalling Table 3.9. Page number not checked against a paginated copy.",
  },
  sizes: [125e6, 350e6, 760e6, 1.3e9, 2.7e9, 6.7e9, 13e9, 175e9],
  tokens: 300e9,
  rows: (
    [
      [
        "2D+",
        2,
        "addition",
        [0.7, 0.65, 0.7, 0.85, 1.1, 2.54, 15.4, 76.9],
        [2.0, 0.55, 3.15, 4.0, 12.1, 19.6, 73.0, 99.6],
        [2.0, 4.1, 3.5, 4.5, 8.9, 11.9, 55.5, 100.0],
      ],
      [
        "2D-",
        2,
        "subtraction",
        [1.25, 1.25, 1.25, 1.25, 1.6, 7.6, 12.6, 58.0],
        [1.15, 0.95, 1.45, 1.95, 3.85, 11.5, 44.6, 86.4],
        [1.15, 1.45, 2.25, 2.7, 7.35, 13.6, 52.4, 98.9],
      ],
      [
        "3D+",
        3,
        "addition",
        [0.1, 0.1, 0.05, 0.1, 0.1, 0.25, 1.4, 34.2],
        [0.15, 0.0, 0.1, 0.3, 0.45, 0.95, 15.4, 65.5],
        [0.15, 0.45, 0.3, 0.55, 0.75, 0.9, 8.4, 80.4],
      ],
      [
        "3D-",
        3,
        "subtraction",
        [0.05, 0.05, 0.05, 0.05, 0.05, 0.45, 1.35, 48.3],
        [0.05, 0.15, 0.25, 0.3, 0.55, 1.6, 6.15, 78.7],
        [0.05, 0.1, 0.15, 0.35, 0.65, 1.05, 9.2, 94.2],
      ],
      [
        "4D+",
        4,
        "addition",
        [0.05, 0.05, 0.0, 0.0, 0.05, 0.05, 0.15, 4.0],
        [0.0, 0.0, 0.1, 0.0, 0.0, 0.1, 0.8, 14.0],
        [0.0, 0.05, 0.05, 0.0, 0.15, 0.15, 0.4, 25.5],
      ],
      [
        "4D-",
        4,
        "subtraction",
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 7.5],
        [0.0, 0.0, 0.0, 0.0, 0.05, 0.0, 0.5, 14.0],
        [0.0, 0.05, 0.0, 0.0, 0.1, 0.05, 0.4, 26.8],
      ],
      [
        "5D+",
        5,
        "addition",
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.65],
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.05, 3.45],
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.05, 9.3],
      ],
      [
        "5D-",
        5,
        "subtraction",
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.8],
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.05, 3.75],
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 9.9],
      ],
      [
        "2Dx",
        2,
        "multiplication",
        [2.2, 2.25, 2.65, 2.1, 2.55, 5.8, 6.15, 19.8],
        [1.35, 2.35, 3.35, 2.35, 4.75, 9.15, 11.0, 27.4],
        [1.35, 2.9, 2.7, 2.85, 4.25, 6.1, 7.05, 29.2],
      ],
      [
        "1DC",
        1,
        "composite",
        [1.25, 2.95, 2.75, 0.05, 0.3, 2.35, 0.75, 9.75],
        [1.9, 2.8, 2.85, 3.65, 6.45, 9.15, 8.2, 14.3],
        [1.7, 2.15, 3.9, 5.75, 6.2, 7.6, 9.95, 21.3],
      ],
    ] as const
  ).map(([task, digits, operation, zeroShot, oneShot, fewShot]) => ({
    task,
    digits,
    operation,
    zeroShot,
    oneShot,
    fewShot,
  })),
};
