const digits: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "-": "⁻",
  "+": "⁺",
};

/**
 * Writes an integer with Unicode superscript characters, for exponents in plain-text labels.
 *
 * @example
 * ```ts
 * superscript(-3); // "⁻³"
 * ```
 */
export function superscript(value: number): string {
  return Math.trunc(value)
    .toString()
    .replace(/[-+0-9]/g, (c) => digits[c] ?? c);
}
