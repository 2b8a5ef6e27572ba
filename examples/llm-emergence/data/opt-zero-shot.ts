/**
 * Zero-shot results of the OPT family (Zhang et al. 2022, 125M to 66B parameters) on lm-evaluation-harness
 * tasks, by model size.
 *
 * Source: EleutherAI/lm-evaluation-harness (MIT licence), commit 5e59782e861391d4130b6cfccd9bf88c0f491d09,
 * files `results/opt/opt-<size>/opt-<size>.json` (removed from the repository in commit 1b9833dd).
 * Re-tabulated for this example: one series per (task, metric), values rounded to 6 significant digits;
 * MMLU is the unweighted mean of the 57 `hendrycksTest-*` subject accuracies. Sizes are the nominal sizes of
 * the OPT model cards (total parameters, embeddings included).
 */

/** One evaluated model. */
export interface LanguageModel {
  /** Display name, e.g. "OPT-1.3B". */
  readonly name: string;
  /** Nominal parameter count of the model card. */
  readonly params: number;
}

/** One task scored by one metric, for every model of {@link OPT_MODELS} in order. */
export interface BenchmarkSeries {
  /** Stable id, `<task>/<metric>`. */
  readonly id: string;
  /** lm-evaluation-harness task name (`mmlu` stands for the mean over the hendrycksTest subjects). */
  readonly task: string;
  readonly metric: string;
  /** Human-readable task name. */
  readonly title: string;
  /** Human-readable metric name. */
  readonly metricTitle: string;
  /** "discrete": a per-example right/wrong score averaged; "continuous": a smooth per-token quantity. */
  readonly kind: "discrete" | "continuous";
  /** Whether larger values are better. */
  readonly higherIsBetter: boolean;
  /** Score of random guessing, where one is defined. */
  readonly chance: number | null;
  readonly note: string;
  /** One value per model. */
  readonly values: readonly number[];
  /** Standard error of each value as reported by the harness (null where it reports none). */
  readonly stderr: readonly number[] | null;
}

/** The OPT models, smallest first. */
export const OPT_MODELS: readonly LanguageModel[] = [
  { name: "OPT-125M", params: 1.25e8 },
  { name: "OPT-350M", params: 3.5e8 },
  { name: "OPT-1.3B", params: 1.3e9 },
  { name: "OPT-2.7B", params: 2.7e9 },
  { name: "OPT-6.7B", params: 6.7e9 },
  { name: "OPT-13B", params: 1.3e10 },
  { name: "OPT-30B", params: 3e10 },
  { name: "OPT-66B", params: 6.6e10 },
];

/** Every (task, metric) series. */
export const OPT_ZERO_SHOT: readonly BenchmarkSeries[] = [
  {
    id: "lambada_openai/acc",
    task: "lambada_openai",
    metric: "acc",
    title: "LAMBADA",
    metricTitle: "accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.0,
    note: "Exact match of the passage's final word.",
    values: [0.379003, 0.451582, 0.579274, 0.63594, 0.677081, 0.686396, 0.714535, 0.738987],
    stderr: [0.00675893, 0.00693324, 0.00687787, 0.00670358, 0.00651447, 0.00646383, 0.00629217, 0.00611873],
  },
  {
    id: "lambada_openai/ppl",
    task: "lambada_openai",
    metric: "ppl",
    title: "LAMBADA",
    metricTitle: "perplexity",
    kind: "continuous",
    higherIsBetter: false,
    chance: null,
    note: "Perplexity of the final word (lower is better).",
    values: [26.021, 16.3983, 6.64406, 5.11949, 4.25288, 4.03787, 3.62906, 3.28776],
    stderr: [0.941877, 0.557261, 0.17171, 0.119894, 0.0927244, 0.0869558, 0.0741016, 0.0636152],
  },
  {
    id: "arc_challenge/acc",
    task: "arc_challenge",
    metric: "acc",
    title: "ARC-Challenge",
    metricTitle: "accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.25,
    note: "Grade-school science questions, hard split.",
    values: [0.18942, 0.207338, 0.231229, 0.267918, 0.305461, 0.329352, 0.346416, 0.372014],
    stderr: [0.0114507, 0.0118469, 0.0123209, 0.012942, 0.0134601, 0.0137341, 0.013905, 0.0141246],
  },
  {
    id: "arc_challenge/acc_norm",
    task: "arc_challenge",
    metric: "acc_norm",
    title: "ARC-Challenge",
    metricTitle: "length-normalised accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.25,
    note: "Choices ranked by per-character log-likelihood.",
    values: [0.227816, 0.238908, 0.294369, 0.312287, 0.34727, 0.357509, 0.379693, 0.401024],
    stderr: [0.0122567, 0.0124611, 0.0133185, 0.0135426, 0.013913, 0.0140055, 0.0141821, 0.0143223],
  },
  {
    id: "arc_easy/acc",
    task: "arc_easy",
    metric: "acc",
    title: "ARC-Easy",
    metricTitle: "accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.25,
    note: "Grade-school science questions, easy split.",
    values: [0.435185, 0.440236, 0.570286, 0.607744, 0.656145, 0.670875, 0.699916, 0.716751],
    stderr: [0.0101732, 0.0101862, 0.0101579, 0.0100187, 0.00974666, 0.00964205, 0.009404, 0.00924563],
  },
  {
    id: "arc_easy/acc_norm",
    task: "arc_easy",
    metric: "acc_norm",
    title: "ARC-Easy",
    metricTitle: "length-normalised accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.25,
    note: "Choices ranked by per-character log-likelihood.",
    values: [0.399832, 0.40362, 0.509259, 0.542929, 0.60101, 0.617845, 0.65362, 0.67298],
    stderr: [0.0100518, 0.0100674, 0.010258, 0.0102219, 0.0100482, 0.00997075, 0.00976354, 0.00962624],
  },
  {
    id: "piqa/acc",
    task: "piqa",
    metric: "acc",
    title: "PIQA",
    metricTitle: "accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.5,
    note: "Physical commonsense, two choices.",
    values: [0.630033, 0.643634, 0.717084, 0.738847, 0.762786, 0.759521, 0.775843, 0.787813],
    stderr: [0.0112644, 0.0111741, 0.0105089, 0.0102487, 0.00992469, 0.00997135, 0.0097299, 0.0095393],
  },
  {
    id: "piqa/acc_norm",
    task: "piqa",
    metric: "acc_norm",
    title: "PIQA",
    metricTitle: "length-normalised accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.5,
    note: "Choices ranked by per-character log-likelihood.",
    values: [0.620239, 0.647443, 0.724701, 0.748096, 0.764418, 0.768226, 0.781284, 0.798694],
    stderr: [0.0113235, 0.0111471, 0.0104214, 0.0101284, 0.00990107, 0.00984514, 0.00964473, 0.00935543],
  },
  {
    id: "sciq/acc",
    task: "sciq",
    metric: "acc",
    title: "SciQ",
    metricTitle: "accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.25,
    note: "Science exam questions with a support paragraph, four choices.",
    values: [0.751, 0.748, 0.845, 0.858, 0.901, 0.908, 0.911, 0.926],
    stderr: [0.0136816, 0.0137363, 0.0114502, 0.0110435, 0.00944925, 0.00914438, 0.00900889, 0.00828206],
  },
  {
    id: "sciq/acc_norm",
    task: "sciq",
    metric: "acc_norm",
    title: "SciQ",
    metricTitle: "length-normalised accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.25,
    note: "Choices ranked by per-character log-likelihood.",
    values: [0.669, 0.669, 0.765, 0.79, 0.852, 0.866, 0.882, 0.873],
    stderr: [0.0148883, 0.0148883, 0.0134147, 0.0128867, 0.0112349, 0.0107778, 0.0102069, 0.0105348],
  },
  {
    id: "logiqa/acc",
    task: "logiqa",
    metric: "acc",
    title: "LogiQA",
    metricTitle: "accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.25,
    note: "Logical reasoning questions, four choices.",
    values: [0.227343, 0.210445, 0.222734, 0.210445, 0.235023, 0.227343, 0.21659, 0.227343],
    stderr: [0.0164391, 0.0159884, 0.0163201, 0.0159884, 0.0166312, 0.0164391, 0.0161569, 0.0164391],
  },
  {
    id: "logiqa/acc_norm",
    task: "logiqa",
    metric: "acc_norm",
    title: "LogiQA",
    metricTitle: "length-normalised accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.25,
    note: "Choices ranked by per-character log-likelihood.",
    values: [0.27957, 0.285714, 0.271889, 0.259601, 0.28725, 0.285714, 0.284178, 0.28725],
    stderr: [0.0176029, 0.0177192, 0.0174517, 0.0171961, 0.0177477, 0.0177192, 0.0176905, 0.0177477],
  },
  {
    id: "winogrande/acc",
    task: "winogrande",
    metric: "acc",
    title: "WinoGrande",
    metricTitle: "accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.5,
    note: "Pronoun resolution, two choices.",
    values: [0.502762, 0.523283, 0.597474, 0.610103, 0.652723, 0.651934, 0.681926, 0.687451],
    stderr: [0.0140523, 0.0140372, 0.0137829, 0.0137075, 0.0133809, 0.013388, 0.0130893, 0.0130276],
  },
  {
    id: "wsc/acc",
    task: "wsc",
    metric: "acc",
    title: "WSC",
    metricTitle: "accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.5,
    note: "SuperGLUE Winograd schema, binary; 63% of the 104 validation labels are False, so always answering False scores 0.63.",
    values: [0.365385, 0.365385, 0.384615, 0.634615, 0.423077, 0.605769, 0.596154, 0.548077],
    stderr: [0.0474473, 0.0474473, 0.0479367, 0.0474473, 0.0486799, 0.0481515, 0.0483469, 0.0490382],
  },
  {
    id: "mmlu/mean_acc",
    task: "mmlu",
    metric: "mean_acc",
    title: "MMLU",
    metricTitle: "mean accuracy",
    kind: "discrete",
    higherIsBetter: true,
    chance: 0.25,
    note: "Unweighted mean over 57 subjects, zero-shot.",
    values: [0.2529, 0.255384, 0.25811, 0.264996, 0.270466, 0.277093, 0.277195, 0.282805],
    stderr: null,
  },
];
