const suffixes = ["", "K", "M", "B", "T", "P", "E"];

/**
 * A short, readable label for a tick on a log axis, with the suffixes ML papers use for parameter and
 * token counts: `1e9` → `"1B"`, `3e5` → `"300K"`, `7e10` → `"70B"`. Values below 1 keep up to three
 * significant digits (`0.05`), so loss axes read naturally too.
 *
 * @example
 * ```ts
 * formatSI(1e9); // "1B"
 * formatSI(1.5e12); // "1.5T"
 * ```
 */
export function formatSI(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  if (abs < 1) return sign + Number(abs.toPrecision(3)).toString();
  let tier = Math.min(suffixes.length - 1, Math.floor(Math.log10(abs) / 3 + 1e-9));
  let scaled = Number((abs / 10 ** (3 * tier)).toPrecision(3));
  // 999_999 rounds to 1000K: carry into the next tier so it reads 1M.
  if (scaled >= 1000 && tier < suffixes.length - 1) {
    tier += 1;
    scaled = Number((abs / 10 ** (3 * tier)).toPrecision(3));
  }
  return `${sign}${scaled}${suffixes[tier]}`;
}
