const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"` and `'`.
 * Every piece of text a report is given passes through here, so prompts and model outputs such as
 * `<script>` or `" onerror="…` show up as text.
 *
 * @example
 * ```ts
 * escapeHTML('<img src=x onerror="alert(1)">'); // "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 * ```
 */
export function escapeHTML(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => entities[c] as string);
}
