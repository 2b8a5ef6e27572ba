/** Linear-interpolated quantile (type 7, as numpy's default) of unsorted values. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) throw new RangeError("quantile of an empty sample");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${q}`);
  const s = Float64Array.from(values).sort();
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return (s[lo] as number) + (h - lo) * ((s[hi] as number) - (s[lo] as number));
}

/** Pearson correlation matrix of the columns (each column one variable's sample). */
export function correlationMatrix(columns: readonly ArrayLike<number>[]): number[][] {
  const n = columns[0]?.length ?? 0;
  if (n < 2 || columns.some((c) => c.length !== n)) throw new RangeError("need ≥ 2 paired observations");
  const centred = columns.map((c) => {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += c[i] as number;
    mean /= n;
    return Float64Array.from({ length: n }, (_, i) => (c[i] as number) - mean);
  });
  const dot = (x: Float64Array, y: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (x[i] as number) * (y[i] as number);
    return s;
  };
  const norms = centred.map((c) => Math.sqrt(dot(c, c)));
  return centred.map((x, i) =>
    centred.map((y, j) => (i === j ? 1 : dot(x, y) / ((norms[i] as number) * (norms[j] as number)))),
  );
}
