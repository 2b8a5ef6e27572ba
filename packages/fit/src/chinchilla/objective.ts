/**
 * The log-space Chinchilla objective of Hoffmann et al. (2022) §D.2 and Epoch AI's replication:
 * Σᵢ wᵢ·Huber_δ(LSE(a − α log Nᵢ, b − β log Dᵢ, e) − log Lᵢ), with A = eᵃ, B = eᵇ, E = eᵉ.
 * Hand-written value and gradient over Float64Arrays: no allocation per evaluation, because the
 * 4500-start grid calls it about a million times.
 * @internal
 */
export interface LogSpaceData {
  readonly logN: Float64Array;
  readonly logD: Float64Array;
  readonly logL: Float64Array;
  /** Multiplicity of each point (bootstrap counts); all 1 for a plain fit. */
  readonly weight: Float64Array;
}

/** Objective and gradient at θ = (a, b, e, α, β). @internal */
export function chinchillaObjective(
  data: LogSpaceData,
  delta: number,
): (p: Float64Array, g: Float64Array) => number {
  const { logN, logD, logL, weight } = data;
  const n = logN.length;
  return (p, g) => {
    const a = p[0]!;
    const b = p[1]!;
    const e = p[2]!;
    const al = p[3]!;
    const be = p[4]!;
    let f = 0;
    let ga = 0;
    let gb = 0;
    let ge = 0;
    let gal = 0;
    let gbe = 0;
    for (let i = 0; i < n; i++) {
      const w = weight[i]!;
      if (w === 0) continue;
      const ln = logN[i]!;
      const ld = logD[i]!;
      const t1 = a - al * ln;
      const t2 = b - be * ld;
      // log-sum-exp with the largest term factored out: two exponentials per point, never overflowing.
      let m: number;
      let e1: number;
      let e2: number;
      let e3: number;
      if (t1 >= t2 && t1 >= e) {
        m = t1;
        e1 = 1;
        e2 = Math.exp(t2 - m);
        e3 = Math.exp(e - m);
      } else if (t2 >= e) {
        m = t2;
        e1 = Math.exp(t1 - m);
        e2 = 1;
        e3 = Math.exp(e - m);
      } else {
        m = e;
        e1 = Math.exp(t1 - m);
        e2 = Math.exp(t2 - m);
        e3 = 1;
      }
      const s = e1 + e2 + e3;
      const r = m + Math.log(s) - logL[i]!;
      let dr: number;
      if (r <= delta && r >= -delta) {
        f += w * 0.5 * r * r;
        dr = r;
      } else if (r > 0) {
        f += w * delta * (r - 0.5 * delta);
        dr = delta;
      } else {
        f += w * delta * (-r - 0.5 * delta);
        dr = -delta;
      }
      const c = (w * dr) / s;
      const c1 = c * e1;
      const c2 = c * e2;
      ga += c1;
      gb += c2;
      ge += c * e3;
      gal -= c1 * ln;
      gbe -= c2 * ld;
    }
    g[0] = ga;
    g[1] = gb;
    g[2] = ge;
    g[3] = gal;
    g[4] = gbe;
    return f;
  };
}
