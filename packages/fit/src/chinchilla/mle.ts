/**
 * Epoch AI's maximum-likelihood objective for the Chinchilla law (Besiroglu et al. 2024, the
 * `objective` of their `data_analysis.ipynb`): log-loss residuals follow a Huber density with
 * shape δ and a fitted scale s = e^σ, so the negative log-likelihood of θ = (a, b, e, α, β, σ) is
 * Σᵢ wᵢ·[huber_δ(rᵢ/s) + log Z(δ) + σ], rᵢ = log Lᵢ − LSE(a − α log Nᵢ, b − β log Dᵢ, e),
 * Z(δ) = √(2π)(1 − 2Φ̄(δ)) + 2e^{−δ²/2}/δ. Value and gradient over Float64Arrays, as the Huber
 * objective of {@link chinchillaObjective}.
 * @internal
 */
import { normalCdf } from "../stats/distributions.js";
import type { LogSpaceData } from "./objective.js";

/** log Z(δ), the normalising constant of the Huber density with unit scale. @internal */
export function huberLogNormaliser(delta: number): number {
  const tail = 1 - normalCdf(delta);
  return Math.log(Math.sqrt(2 * Math.PI) * (1 - 2 * tail) + (2 * Math.exp(-0.5 * delta * delta)) / delta);
}

/** Negative log-likelihood and gradient at θ = (a, b, e, α, β, σ). @internal */
export function chinchillaLikelihood(
  data: LogSpaceData,
  delta: number,
): (p: Float64Array, g: Float64Array) => number {
  const { logN, logD, logL, weight } = data;
  const n = logN.length;
  const logZ = huberLogNormaliser(delta);
  return (p, g) => {
    const a = p[0]!;
    const b = p[1]!;
    const e = p[2]!;
    const al = p[3]!;
    const be = p[4]!;
    const sigma = p[5]!;
    const inv = Math.exp(-sigma);
    let f = 0;
    let ga = 0;
    let gb = 0;
    let ge = 0;
    let gal = 0;
    let gbe = 0;
    let gs = 0;
    for (let i = 0; i < n; i++) {
      const w = weight[i]!;
      if (w === 0) continue;
      const ln = logN[i]!;
      const ld = logD[i]!;
      const t1 = a - al * ln;
      const t2 = b - be * ld;
      const m = Math.max(t1, t2, e);
      const e1 = Math.exp(t1 - m);
      const e2 = Math.exp(t2 - m);
      const e3 = Math.exp(e - m);
      const s = e1 + e2 + e3;
      const u = (logL[i]! - (m + Math.log(s))) * inv;
      let h: number;
      let dh: number;
      if (u <= delta && u >= -delta) {
        h = 0.5 * u * u;
        dh = u;
      } else {
        h = delta * (Math.abs(u) - 0.5 * delta);
        dh = u > 0 ? delta : -delta;
      }
      f += w * (h + logZ + sigma);
      // ∂/∂prediction of huber(u) = −h′(u)/s; the prediction's gradient is the softmax weights.
      const c = (-w * dh * inv) / s;
      ga += c * e1;
      gb += c * e2;
      ge += c * e3;
      gal -= c * e1 * ln;
      gbe -= c * e2 * ld;
      gs += w * (1 - dh * u);
    }
    g[0] = ga;
    g[1] = gb;
    g[2] = ge;
    g[3] = gal;
    g[4] = gbe;
    g[5] = gs;
    return f;
  };
}
