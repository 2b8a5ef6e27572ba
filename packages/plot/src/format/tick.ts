const suffixes = ["", "K", "M", "B", "T", "P"];

/**
 * A short, readable label for a tick on a log axis: `1e9` → `"1B"`, `3e5` → `"300K"`.
 *
 * @example
 * ```ts
 * formatSI(1e9); // "1B"
 * ```
 */
export function formatSI(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  if (abs < 1) return sign + Number(abs.toPrecision(3)).toString();
  const tier = Math.min(suffixes.length - 1, Math.floor(Math.log10(abs) / 3 + 1e-9));
  const scaled = abs / 10 ** (3 * tier);
  return `${sign}${Number(scaled.toPrecision(3))}${suffixes[tier]}`;
}
