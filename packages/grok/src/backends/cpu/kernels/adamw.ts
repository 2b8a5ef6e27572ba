import type { KernelArgs } from "../../backend.js";
import { cpu, sameSize } from "./util.js";

/** The per-element constants of one AdamW step (computed once in double precision). */
export function adamwConstants(a: KernelArgs["adamwUpdate"]) {
  return {
    decay: 1 - a.lr * a.weightDecay,
    stepSize: a.lr / (1 - a.beta1 ** a.step),
    // PyTorch: denom = sqrt(v) / sqrt(bias_correction2) + eps
    invSqrtBc2: 1 / Math.sqrt(1 - a.beta2 ** a.step),
  };
}

export function adamwRange(a: KernelArgs["adamwUpdate"], from: number, to: number): void {
  const p = cpu(a.param).f32;
  const g = cpu(a.grad).f32;
  const m = cpu(a.m).f32;
  const v = cpu(a.v).f32;
  const { decay, stepSize, invSqrtBc2 } = adamwConstants(a);
  const { beta1, beta2, eps } = a;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const scale = a.gradScale ?? 1;
  for (let i = from; i < to; i++) {
    const gi = scale === 1 ? (g[i] as number) : Math.fround(scale * (g[i] as number));
    const mi = Math.fround(beta1 * (m[i] as number) + c1 * gi);
    const vi = Math.fround(beta2 * (v[i] as number) + c2 * gi * gi);
    m[i] = mi;
    v[i] = vi;
    const pi = Math.fround((p[i] as number) * decay);
    p[i] = pi - (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + eps);
  }
}

export function adamwUpdate(a: KernelArgs["adamwUpdate"]): void {
  sameSize("adamwUpdate", a.param, a.grad, a.m, a.v);
  adamwRange(a, 0, a.param.size);
}
