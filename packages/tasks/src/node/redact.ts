/** What replaces a secret (or a fragment of one) in any text the runner keeps. */
export const REDACTED = "[redacted]";

/**
 * Fragments this long or longer of a secret are redacted too: an endpoint that echoes a cut-off
 * header (`Bearer sk-abc…`) must not leave most of the key behind. Shorter runs are common in
 * ordinary text and would blank out answers.
 */
const FRAGMENT = 8;

/**
 * A function that removes every given secret from a text: each whole occurrence and each run of at
 * least eight characters that also occurs in a secret. Run it on the *whole* text before cutting it
 * down for a message — redacting after truncation leaves the part of a key before the cut.
 *
 * @example
 * ```ts
 * const redact = secretRedactor(["sk-0123456789abcdef"]);
 * redact("echo: Bearer sk-0123456789abcdef"); // "echo: Bearer [redacted]"
 * redact("echo: Bearer sk-01234567");         // "echo: Bearer [redacted]"
 * ```
 */
export function secretRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const list = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length > 0))];
  if (list.length === 0) return (text) => text;
  const windows = new Set<string>();
  for (const s of list) {
    if (s.length <= FRAGMENT) windows.add(s);
    else for (let i = 0; i + FRAGMENT <= s.length; i++) windows.add(s.slice(i, i + FRAGMENT));
  }
  return (text) => {
    if (text.length === 0) return text;
    // Mark every character covered by a secret window, then replace each marked run once.
    let covered: Uint8Array | undefined;
    for (const w of windows) {
      let at = text.indexOf(w);
      while (at >= 0) {
        covered ??= new Uint8Array(text.length);
        covered.fill(1, at, at + w.length);
        at = text.indexOf(w, at + 1);
      }
    }
    if (covered === undefined) return text;
    let out = "";
    let i = 0;
    while (i < text.length) {
      if (covered[i] === 1) {
        while (i < text.length && covered[i] === 1) i++;
        out += REDACTED;
      } else {
        const start = i;
        while (i < text.length && covered[i] !== 1) i++;
        out += text.slice(start, i);
      }
    }
    return out;
  };
}
