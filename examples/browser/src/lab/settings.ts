/**
 * The lab tab's settings: which decoder family to train (widths), on which addition task, for how
 * long, on which backend; parsed from the form or the URL, checked, and mapped onto @emerge/grok's
 * decoder config (model kind "decoder", a token task from @emerge/tasks' arithmetic family).
 */
import type { GrokConfigInput } from "@emerge/grok";
import type { BackendChoice } from "../settings.js";

/** Everything the user can set on the lab tab. */
export interface LabSettings {
  /** d_model of each member, smallest first; one layer, two heads, MLP width 4·d_model. */
  readonly widths: readonly number[];
  /** Operand digits of the addition problems (carries included: a+b with a, b < 10^digits). */
  readonly digits: number;
  /** Optimizer steps per member: with `batch` fixed, every member sees the same training tokens. */
  readonly steps: number;
  readonly batch: number;
  readonly lr: number;
  readonly seed: number;
  /** Answers least-significant digit first (grok's `task.reverse`); false: as written, like the lab. */
  readonly reverse: boolean;
  readonly backend: BackendChoice;
}

/**
 * The documented bounds of every setting, checked before a worker starts: the tab is for small
 * families (a visitor's laptop, or software WebGL), and these keep one run within minutes.
 */
export const labLimits = {
  /** Members per family: emergence() needs 5 sizes for a verdict; more than 8 is not "live". */
  members: [2, 8],
  width: [2, 64],
  /** 1-digit addition has too few distinct problems for the held-out split (~12 of 100). */
  digits: [2, 3],
  steps: [1, 20_000],
  batch: [1, 256],
  lr: [1e-5, 1],
  seed: [0, 2 ** 31 - 1],
} as const;

/** Held-out problems scored per member: the `trials` behind each score in emergence(). */
export const labTestProblems = 200;
/** Distinct training problems per member (2-digit addition has 10 000, 1/8 of them held out). */
export const labTrainProblems = 5000;
/** Training problems decoded at each evaluation (the tab shows only held-out scores; keep it cheap). */
export const labEvalTrainProblems = 50;
/** Attention heads of every member (each width must be a multiple). */
export const labHeads = 2;

/**
 * The smallest family of the lab's mirage study: five one-layer decoders, d_model 4…16, 2-digit
 * addition written most significant digit first, 1500 steps of 16 problems each, lr 0.01. On the cpu
 * backend the whole family trains in well under a minute; exact match jumps between sizes while
 * per-digit accuracy moves less (seed 0: 0.11 → 0.96 exact, 0.54 → 0.98 per digit).
 */
export const defaultLabSettings: LabSettings = {
  widths: [4, 6, 8, 12, 16],
  digits: 2,
  steps: 1500,
  batch: 16,
  lr: 0.01,
  seed: 0,
  reverse: false,
  backend: "auto",
};

/** A setting the tab refuses: the form field and a one-line reason naming the value. */
export class LabSettingsError extends Error {
  override readonly name = "LabSettingsError";
  readonly code = "INVALID_SETTING";
  readonly field: keyof LabSettings;
  constructor(field: keyof LabSettings, message: string) {
    super(message);
    this.field = field;
  }
}

type Raw = Readonly<Record<string, string | undefined>>;

function number(raw: Raw, field: keyof LabSettings, fallback: number, lo: number, hi: number, int: boolean) {
  const text = raw[field];
  if (text === undefined || text.trim() === "") return fallback;
  const v = Number(text);
  if (!Number.isFinite(v) || (int && !Number.isInteger(v)) || v < lo || v > hi) {
    const kind = int ? "a whole number" : "a number";
    throw new LabSettingsError(field, `${field} must be ${kind} from ${lo} to ${hi}, got "${text}"`);
  }
  return v;
}

function parseWidths(text: string | undefined): number[] {
  if (text === undefined || text.trim() === "") return [...defaultLabSettings.widths];
  const parts = text.split(/[\s,]+/).filter((s) => s !== "");
  const widths = parts.map(Number);
  const [lo, hi] = labLimits.width;
  const bad = widths.findIndex((w) => !Number.isInteger(w) || w < lo || w > hi || w % labHeads !== 0);
  if (bad >= 0) {
    throw new LabSettingsError(
      "widths",
      `widths must be whole multiples of ${labHeads} from ${lo} to ${hi}, got "${parts[bad]}"`,
    );
  }
  const distinct = [...new Set(widths)].sort((a, b) => a - b);
  const [min, max] = labLimits.members;
  if (distinct.length < min || distinct.length > max) {
    throw new LabSettingsError(
      "widths",
      `widths must list ${min} to ${max} different sizes, got ${distinct.length} ("${text}")`,
    );
  }
  return distinct;
}

/**
 * Parse raw field values (the form, or the URL's query) into checked settings. Missing fields take
 * the defaults; a bad one throws a {@link LabSettingsError} naming the field and the value.
 *
 * @example
 * ```ts
 * parseLabSettings({ widths: "4, 8, 16", steps: "200", backend: "cpu" }).widths; // [4, 8, 16]
 * parseLabSettings({ widths: "5" }); // throws LabSettingsError (field "widths": not a multiple of 2)
 * ```
 */
export function parseLabSettings(raw: Raw): LabSettings {
  const d = defaultLabSettings;
  const L = labLimits;
  const backend = (raw.backend ?? d.backend) as BackendChoice;
  if (backend !== "auto" && backend !== "gpu" && backend !== "cpu") {
    throw new LabSettingsError("backend", `backend must be auto, gpu or cpu, got "${backend}"`);
  }
  const reverseText = raw.reverse ?? String(d.reverse);
  if (reverseText !== "true" && reverseText !== "false") {
    throw new LabSettingsError("reverse", `reverse must be true or false, got "${reverseText}"`);
  }
  return {
    widths: parseWidths(raw.widths),
    digits: number(raw, "digits", d.digits, L.digits[0], L.digits[1], true),
    steps: number(raw, "steps", d.steps, L.steps[0], L.steps[1], true),
    batch: number(raw, "batch", d.batch, L.batch[0], L.batch[1], true),
    lr: number(raw, "lr", d.lr, L.lr[0], L.lr[1], false),
    seed: number(raw, "seed", d.seed, L.seed[0], L.seed[1], true),
    reverse: reverseText === "true",
    backend,
  };
}

/**
 * The settings as URL query parameters, so a family can be shared as a link.
 *
 * @example
 * ```ts
 * toLabQuery(defaultLabSettings); // "widths=4%2C6%2C8%2C12%2C16&digits=2&steps=1500&…&backend=auto"
 * ```
 */
export function toLabQuery(s: LabSettings): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) params.set(k, Array.isArray(v) ? v.join(",") : String(v));
  return params.toString();
}

/**
 * The @emerge/grok config of the family's member of width `width`: a one-layer decoder (two heads,
 * MLP 4·d) on `digits`-digit addition with carries; every member has the same data, seed, steps and
 * batch, so the family differs only in size. Evaluated at the start and the end only (each
 * evaluation greedily decodes the held-out problems), and never stopped early.
 *
 * @example
 * ```ts
 * const config = labMemberConfig(defaultLabSettings, 8);
 * config.model; // { kind: "decoder", layers: 1, dModel: 8, heads: 2, dMlp: 32 }
 * ```
 */
export function labMemberConfig(s: LabSettings, width: number): GrokConfigInput {
  return {
    model: { kind: "decoder", layers: 1, dModel: width, heads: labHeads, dMlp: 4 * width },
    task: {
      family: "arithmetic",
      options: { op: "add", digits: s.digits },
      reverse: s.reverse,
      trainSize: labTrainProblems,
      testSize: labTestProblems,
      evalTrainSize: labEvalTrainProblems,
    },
    batchSize: s.batch,
    steps: s.steps,
    evalEvery: s.steps,
    seed: s.seed,
    optimizer: { lr: s.lr, warmupSteps: Math.floor(s.steps / 10) },
    stopAfterGeneralization: null,
  };
}
