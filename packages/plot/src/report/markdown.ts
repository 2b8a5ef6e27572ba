import katexPlugin from "@vscode/markdown-it-katex";
import MarkdownIt from "markdown-it";
import { sanitizeHTML } from "./sanitize.js";

// The plugin is CommonJS with `exports.default`: Node's ESM loader hands over the whole exports
// object, bundlers the function. Accept both.
const plugin = ((katexPlugin as unknown as { default?: unknown }).default ?? katexPlugin) as Parameters<
  MarkdownIt["use"]
>[0];

let parser: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (parser) return parser;
  // html: false — raw HTML in prose is shown as text, never parsed; the sanitiser is the second wall.
  parser = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  // MathML output needs no fonts or stylesheet, so the report stays one self-contained file;
  // malformed TeX is shown in red with its source instead of throwing.
  parser.use(plugin, { output: "mathml", throwOnError: false, trust: false, strict: "ignore" });
  return parser;
}

/**
 * Renders report prose written in Markdown (CommonMark via markdown-it) with TeX maths between `$…$`
 * (inline) and `$$…$$` (display) as MathML (KaTeX), then sanitises it: raw HTML in the text is shown
 * as text, and the output passes {@link sanitizeHTML}.
 *
 * @example
 * ```ts
 * renderMarkdown("Loss falls as $L \\propto N^{-0.34}$; see `train()`.");
 * // '<p>Loss falls as <span class="katex"><math …>…</math></span>; see <code>train()</code>.</p>\n'
 * ```
 */
export function renderMarkdown(text: string): string {
  return sanitizeHTML(markdown().render(String(text)));
}

/** Like {@link renderMarkdown} for one line (captions, table cells): no paragraph wrapper. */
export function renderInlineMarkdown(text: string): string {
  return sanitizeHTML(markdown().renderInline(String(text)));
}
