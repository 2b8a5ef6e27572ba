/**
 * Double-double arithmetic (≈ 32 significant digits) for the few places where double precision
 * is not enough: the residual sum of squares of near-exact fits such as NIST's Lanczos1, whose
 * certified RSS (1.4·10⁻²⁵) sits at the rounding level of double-precision residuals.
 * A value is a pair [hi, lo] with |lo| ≤ ulp(hi)/2. Allocation per operation is fine: this only
 * runs once per fit result.
 * @internal
 */
export type DD = [number, number];

const SPLITTER = 134217729; // 2^27 + 1

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  if (!Number.isFinite(p) || Math.abs(a) > 1e295 || Math.abs(b) > 1e295) return [p, 0];
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** Lift a double. */
export function dd(a: number): DD {
  return [a, 0];
}

export function add(x: DD, y: DD): DD {
  const s = twoSum(x[0], y[0]);
  const t = twoSum(x[1], y[1]);
  let u = quickTwoSum(s[0], s[1] + t[0]);
  u = quickTwoSum(u[0], u[1] + t[1]);
  return Number.isFinite(u[0]) ? u : [x[0] + y[0], 0];
}

export function neg(x: DD): DD {
  return [-x[0], -x[1]];
}

export function sub(x: DD, y: DD): DD {
  return add(x, neg(y));
}

export function mul(x: DD, y: DD): DD {
  const p = twoProd(x[0], y[0]);
  const r = quickTwoSum(p[0], p[1] + (x[0] * y[1] + x[1] * y[0]));
  return Number.isFinite(r[0]) ? r : [x[0] * y[0], 0];
}

export function div(x: DD, y: DD): DD {
  const q1 = x[0] / y[0];
  if (!Number.isFinite(q1) || q1 === 0) return [q1, 0];
  let r = sub(x, mul(dd(q1), y));
  const q2 = r[0] / y[0];
  r = sub(r, mul(dd(q2), y));
  const q3 = r[0] / y[0];
  return add(quickTwoSum(q1, q2), dd(q3));
}

const LN2: DD = [Math.LN2, 2.3190468138462996e-17];
export const PI: DD = [Math.PI, 1.2246467991473532e-16];
export const E: DD = [Math.E, 1.4456468917292502e-16];

function ldexp(x: DD, k: number): DD {
  // Scale in two steps so 2^k itself never overflows.
  const a = 2 ** Math.trunc(k / 2);
  const b = 2 ** (k - Math.trunc(k / 2));
  return [x[0] * a * b, x[1] * a * b];
}

export function exp(x: DD): DD {
  if (x[0] > 709.8) return [Number.POSITIVE_INFINITY, 0];
  if (x[0] < -745.2) return [0, 0];
  if (Number.isNaN(x[0])) return [Number.NaN, 0];
  const k = Math.round(x[0] / LN2[0]);
  // r = (x − k·ln 2) / 1024, then Taylor, then square ten times.
  const r = ldexp(sub(x, mul(LN2, dd(k))), -10);
  let sum = add(dd(1), r);
  let term = r;
  for (let i = 2; i < 30; i++) {
    term = div(mul(term, r), dd(i));
    sum = add(sum, term);
    if (Math.abs(term[0]) < 1e-34 * Math.abs(sum[0])) break;
  }
  for (let i = 0; i < 10; i++) sum = mul(sum, sum);
  return ldexp(sum, k);
}

export function log(x: DD): DD {
  if (!(x[0] > 0)) return [x[0] === 0 ? Number.NEGATIVE_INFINITY : Number.NaN, 0];
  if (!Number.isFinite(x[0])) return [x[0], 0];
  // One Newton step on exp(y) = x from the double logarithm doubles the correct digits.
  let y = dd(Math.log(x[0]));
  y = add(y, sub(mul(x, exp(neg(y))), dd(1)));
  return y;
}

export function sqrt(x: DD): DD {
  if (!(x[0] > 0)) return [Math.sqrt(x[0]), 0];
  const y = Math.sqrt(x[0]);
  return add(dd(y), div(sub(x, mul(dd(y), dd(y))), dd(2 * y)));
}

export function pow(a: DD, b: DD): DD {
  const n = b[0];
  if (b[1] === 0 && Number.isInteger(n) && Math.abs(n) <= 64) {
    let result: DD = dd(1);
    let base = a;
    let e = Math.abs(n);
    while (e > 0) {
      if (e & 1) result = mul(result, base);
      base = mul(base, base);
      e >>= 1;
    }
    return n < 0 ? div(dd(1), result) : result;
  }
  if (a[0] === 0) return [a[0] ** n, 0];
  if (a[0] < 0) return [a[0] ** n, 0];
  return exp(mul(b, log(a)));
}

/** The double nearest to a double-double. */
export function value(x: DD): number {
  return x[0] + x[1];
}

/**
 * The decimal number a double was written as (its shortest round-trip representation), to
 * double-double precision: 0.05 becomes 0.05 + 2.8·10⁻¹⁸ rather than the binary 0.05000000000000000277.
 */
export function fromDecimal(v: number): DD {
  if (!Number.isFinite(v) || v === 0 || Number.isInteger(v)) return [v, 0];
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(v));
  if (!m) return [v, 0];
  const digits = (m[2]! + (m[3] ?? "")).replace(/^0+/, "");
  const exponent = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  if (digits.length === 0 || digits.length > 30 || Math.abs(exponent) > 22) return [v, 0];
  // Mantissa as a double-double integer from two exact 15-digit halves.
  const split = Math.max(0, digits.length - 15);
  const high = Number(digits.slice(0, split) || "0");
  const low = Number(digits.slice(split));
  let mant = add(mul(dd(high), dd(10 ** (digits.length - split))), dd(low));
  if (split === 0) mant = dd(low);
  const scaled = exponent >= 0 ? mul(mant, dd(10 ** exponent)) : div(mant, dd(10 ** -exponent));
  const sign = m[1] === "-" ? -1 : 1;
  const out: DD = [sign * scaled[0], sign * scaled[1]];
  // Guard: the result must round back to v, else keep v exactly.
  return out[0] === v ? out : [v, 0];
}
