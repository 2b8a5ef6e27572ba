import type { EmergenceVerdict } from "./emergence.js";
import type { Evidence } from "./evidence.js";
import type { EmergenceRule } from "./rule.js";

const g = (v: number) => {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(1) : String(Number(v.toPrecision(2)));
};
const size = (lx: number) => (10 ** lx).toExponential(1);

/** A verdict and, built only when asked for (the calibration replays thousands of rules), its reason. @internal */
export interface Decision {
  readonly verdict: EmergenceVerdict;
  why(): string;
}

/**
 * Apply the decision rule to the evidence: a verdict and the one sentence that justifies it.
 * Order matters: nothing is emergent that is flat, U-shaped or falling. @internal
 */
export function decide(ev: Evidence, rule: EmergenceRule): Decision {
  const { scores, sizes } = ev.series;
  const n = sizes.length;
  const first = scores[0]!;
  const last = scores[n - 1]!;
  if (scores.every((v) => v === first)) {
    return { verdict: "flat", why: () => `all ${n} scores equal ${g(first)}` };
  }
  if (ev.changeP > rule.flatAlpha) {
    return {
      verdict: "flat",
      why: () =>
        `no change beyond noise: no curve improves on a constant level of ${g(mean(scores))} (p = ${g(ev.changeP)})`,
    };
  }
  // Practical size: significant is not enough, the change must be a real fraction of what the metric allows.
  const { bounds, chance, sign } = ev.series;
  const usable = sign > 0 ? bounds[1] - (chance ?? bounds[0]) : (chance ?? bounds[1]) - bounds[0];
  const change = Math.max(...scores) - Math.min(...scores);
  if (Number.isFinite(usable) && usable > 0 && change < rule.minChange * usable) {
    return {
      verdict: "flat",
      why: () =>
        `changes by only ${g(change)} (${g(Math.min(...scores))} to ${g(Math.max(...scores))}), under ${g(100 * rule.minChange)} % of the metric's usable range ${g(usable)}: not substantially above chance`,
    };
  }
  const sh = ev.shape;
  if (
    sh &&
    sh.p < rule.shapeAlpha &&
    sh.turnInside &&
    sh.beatsSigmoid &&
    sh.armZ[0] >= rule.minArmZ &&
    sh.armZ[1] >= rule.minArmZ
  ) {
    const q = ev.candidates.find((c) => c.name === "quadratic-log")!.fit.fit;
    const atTurn = q.params.bottom!;
    const what =
      sh.kind > 0
        ? `gets worse from ${g(first)} to ${g(atTurn)} around ${size(sh.turn)} and recovers to ${g(last)}`
        : `improves from ${g(first)} to ${g(atTurn)} around ${size(sh.turn)} and falls back to ${g(last)}`;
    return {
      verdict: "u-shaped",
      why: () => `${what} (curvature p = ${g(sh.p)}, arms ${g(sh.armZ[0])}σ and ${g(sh.armZ[1])}σ)`,
    };
  }
  if (ev.trend.slope < 0) {
    return {
      verdict: "inverse",
      why: () =>
        `gets worse with scale: ${g(first)} at the smallest size, ${g(last)} at the largest (trend ${g(ev.trend.z)}σ)`,
    };
  }
  const rise = ev.rise;
  const pred = ev.predictability;
  if (!rise || !pred || !ev.sigmoid) {
    return {
      verdict: "smooth",
      why: () => `improves from ${g(first)} to ${g(last)}; no sigmoid could be fitted`,
    };
  }
  const p = ev.sigmoid.fit.fit.params;
  const from = `${g(p.floor!)}→${g(p.ceiling!)}`;
  const rises = ev.series.sign > 0 ? "rises" : "falls";
  if (!(rise.amplitude > 0)) {
    // The straight line improves but the best sigmoid runs the other way: no rise to call sharp.
    return {
      verdict: "smooth",
      why: () => `improves from ${g(first)} to ${g(last)} on a straight-line trend, with no sigmoid rise`,
    };
  }
  const sharp = rise.decades <= rule.maxRiseDecades;
  if (sharp && rise.below < 2) {
    return {
      verdict: "insufficient-data",
      why: () =>
        `${rises} ${from} within ${g(rise.decades)} decades but already at the ${rise.below === 0 ? "smallest" : "second-smallest"} size, so no smaller sizes are left to extrapolate from`,
    };
  }
  const beyond = pred.points.filter((q) => q.z >= rule.minSurprise).length;
  const trendOf = `the trend of the ${pred.fittedOn} smaller sizes`;
  if (sharp && pred.maxZ >= rule.minSurprise) {
    return {
      verdict: "emergent",
      why: () =>
        `${rises} ${from} within ${g(rise.decades)} decades (10→90 %) and ${beyond} of the ${pred.points.length} larger sizes lie up to ${g(pred.maxZ)}σ ${ev.series.sign > 0 ? "above" : "below"} ${trendOf}`,
    };
  }
  if (!sharp) {
    return {
      verdict: "smooth",
      why: () =>
        `${rises} ${from} gradually: 10→90 % takes ${g(rise.decades)} decades (sharp is ≤ ${g(rule.maxRiseDecades)})`,
    };
  }
  return {
    verdict: "smooth",
    why: () =>
      `${rises} ${from} within ${g(rise.decades)} decades, but predictably: no larger size beats ${trendOf} by ${g(rule.minSurprise)}σ (largest ${g(pred.maxZ)}σ)`,
  };
}

function mean(v: readonly number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}
