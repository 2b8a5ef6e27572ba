import type { GrokConfigInput } from "@emerge/grok";
import { isPrime, type ModularOperation, modularOperations } from "@emerge/tasks";

/** Which compute backend the page asks for. `auto` tries WebGL2 (gpu.js) and falls back to the CPU. */
export type BackendChoice = "auto" | "gpu" | "cpu";

/** Everything the user can set on the page. */
export interface Settings {
  p: number;
  op: ModularOperation;
  trainFraction: number;
  width: number;
  weightDecay: number;
  lr: number;
  steps: number;
  seed: number;
  backend: BackendChoice;
}

/**
 * The page's starting point: a+b mod 23 from 60% of the table with a 64-wide quadratic MLP. It
 * memorises in ~50 full-batch steps and generalises at ~670, so a visitor sees the whole story
 * (memorise, plateau, generalise) in well under a minute on either backend. The paper-sized run is
 * p = 97, train fraction 0.3, width 512, lr 3e-3.
 */
export const defaultSettings: Settings = {
  p: 23,
  op: "add",
  trainFraction: 0.6,
  width: 64,
  weightDecay: 1,
  lr: 0.01,
  steps: 3000,
  seed: 0,
  backend: "auto",
};

/** Widths offered in the form (the MLP's hidden units). */
export const widths = [32, 64, 128, 256, 512] as const;

/** Why a setting was refused: the form field and a sentence for the user. */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
  readonly field: keyof Settings;
  constructor(field: keyof Settings, message: string) {
    super(message);
    this.field = field;
  }
}

const isS5 = (op: ModularOperation) => op.startsWith("s5");

/**
 * Parse raw field values (from the form or the URL) into checked settings. Missing fields take the
 * defaults; bad ones throw a {@link SettingsError} naming the field.
 */
export function parseSettings(raw: Readonly<Record<string, string | undefined>>): Settings {
  const num = (field: keyof Settings, fallback: number): number => {
    const text = raw[field];
    if (text === undefined || text.trim() === "") return fallback;
    const v = Number(text);
    if (!Number.isFinite(v)) throw new SettingsError(field, `${field} must be a number, got "${text}"`);
    return v;
  };
  const int = (field: keyof Settings, fallback: number, min: number, max: number): number => {
    const v = num(field, fallback);
    if (!Number.isInteger(v) || v < min || v > max) {
      throw new SettingsError(field, `${field} must be a whole number from ${min} to ${max}, got ${v}`);
    }
    return v;
  };
  const op = (raw.op ?? defaultSettings.op) as ModularOperation;
  if (!modularOperations.includes(op)) throw new SettingsError("op", `unknown operation "${op}"`);
  const p = int("p", defaultSettings.p, 3, 199);
  if (!isS5(op) && !isPrime(p)) {
    throw new SettingsError(
      "p",
      `p must be prime (division needs inverses and the papers use primes), got ${p}`,
    );
  }
  const trainFraction = num("trainFraction", defaultSettings.trainFraction);
  if (!(trainFraction > 0 && trainFraction < 1)) {
    throw new SettingsError(
      "trainFraction",
      `train fraction must be strictly between 0 and 1, got ${trainFraction}`,
    );
  }
  const width = int("width", defaultSettings.width, 1, 4096);
  const weightDecay = num("weightDecay", defaultSettings.weightDecay);
  if (weightDecay < 0) throw new SettingsError("weightDecay", `weight decay must be ≥ 0, got ${weightDecay}`);
  const lr = num("lr", defaultSettings.lr);
  if (!(lr > 0 && lr <= 1)) throw new SettingsError("lr", `learning rate must be in (0, 1], got ${lr}`);
  const steps = int("steps", defaultSettings.steps, 10, 1_000_000);
  const seed = int("seed", defaultSettings.seed, 0, 2 ** 31 - 1);
  const backend = (raw.backend ?? defaultSettings.backend) as BackendChoice;
  if (backend !== "auto" && backend !== "gpu" && backend !== "cpu") {
    throw new SettingsError("backend", `backend must be auto, gpu or cpu, got "${backend}"`);
  }
  return { p, op, trainFraction, width, weightDecay, lr, steps, seed, backend };
}

/** How often to evaluate: about 300 points per run, so the charts stay smooth and cheap. */
export function evalEvery(steps: number): number {
  return Math.max(1, Math.round(steps / 300));
}

/** The `@emerge/grok` training config of these settings (the rest are the package's defaults). */
export function toGrokConfig(s: Settings): GrokConfigInput {
  return {
    op: s.op,
    p: s.p,
    trainFraction: s.trainFraction,
    seed: s.seed,
    model: { kind: "mlp", width: s.width, depth: 1, activation: "quadratic", bias: false },
    optimizer: { lr: s.lr, weightDecay: s.weightDecay },
    loss: "cross-entropy",
    batchSize: "full",
    steps: s.steps,
    evalEvery: evalEvery(s.steps),
    // Keep going a little after generalising, so the charts show the settled state.
    stopAfterGeneralization: 5 * evalEvery(s.steps),
  };
}

/** Settings as URL query parameters (shareable links: `?p=31&op=sub&trainFraction=0.4`). */
export function toQuery(s: Settings): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) params.set(k, String(v));
  return params.toString();
}
