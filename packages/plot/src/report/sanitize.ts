import createDOMPurify, { type Config, type DOMPurify } from "dompurify";
import { PlotError } from "../errors.js";
import { type DOMWindow, domWindow } from "./dom.js";

/**
 * Links a report may keep inside a figure: fragments (`#clip1`) and embedded raster images. Anything
 * else would fetch from the network (the report must work offline) or run script.
 */
const svgLink = /^(#[\w.:-]*|data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*)$/i;
/** Every `url(…)` in an attribute must point into the figure itself (clip paths, gradients). */
const urlReference = /url\s*\(\s*(['"]?)(.*?)\1\s*\)/gi;
/** In prose: web, mail and in-page links only (no javascript:, data:, vbscript:, file: …). */
const proseLink = /^(https?:|mailto:|#)/i;

const svgConfig: Config = {
  USE_PROFILES: { svg: true, svgFilters: true },
  // Vega marks its groups with ARIA roles; aria-* attributes are allowed by default.
  ADD_ATTR: ["role"],
  // <style> can restyle the whole page; <use>, <a> and <image> are handled by the link hook.
  FORBID_TAGS: ["style", "foreignObject", "animate", "animateMotion", "animateTransform", "set"],
};

const htmlConfig: Config = {
  USE_PROFILES: { html: true, mathMl: true },
  // KaTeX's MathML keeps the TeX source in <semantics><annotation encoding="application/x-tex">.
  ADD_TAGS: ["semantics", "annotation"],
  ADD_ATTR: ["encoding"],
  // Prose needs none of these; each is a known way to act on the reader (redirect, submit, overlay,
  // swallow the rest of the page) even without script.
  FORBID_TAGS: [
    "style",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "meta",
    "base",
    "link",
    "noscript",
    "template",
    "iframe",
    "frame",
    "object",
    "embed",
    "audio",
    "video",
    "source",
    "svg",
  ],
  FORBID_ATTR: ["style", "srcset", "ping", "formaction", "action"],
};

function urlsInside(value: string): boolean {
  for (const m of value.matchAll(urlReference)) if (!(m[2] ?? "").startsWith("#")) return false;
  return true;
}

interface Sanitisers {
  readonly svg: DOMPurify;
  readonly html: DOMPurify;
}

let cache: { window: DOMWindow; sanitisers: Sanitisers } | undefined;

function sanitisers(): Sanitisers {
  const window = domWindow();
  if (cache?.window === window) return cache.sanitisers;
  const svg = createDOMPurify(window);
  svg.addHook("uponSanitizeAttribute", (_node, data) => {
    const name = data.attrName.toLowerCase();
    const value = data.attrValue.trim();
    if ((name === "href" || name === "xlink:href") && !svgLink.test(value)) data.keepAttr = false;
    if (value.toLowerCase().includes("url(") && !urlsInside(value)) data.keepAttr = false;
  });
  const html = createDOMPurify(window);
  html.addHook("uponSanitizeAttribute", (_node, data) => {
    const name = data.attrName.toLowerCase();
    const value = data.attrValue.trim();
    if (name === "href" && !proseLink.test(value)) data.keepAttr = false;
    if (name === "src" && !/^data:image\/(png|jpeg|gif|webp);base64,/i.test(value)) data.keepAttr = false;
  });
  html.addHook("afterSanitizeAttributes", (node) => {
    // Links leave the report in a new context that cannot reach back into it.
    if (node.nodeName === "A" && node.hasAttribute("href")) node.setAttribute("rel", "noopener noreferrer");
  });
  cache = { window, sanitisers: { svg, html } };
  return cache.sanitisers;
}

/**
 * What DOMPurify took out, in words. Not findings: the wrapper <body> its report always lists, and
 * ARIA labels it drops defensively when their text looks like markup (Vega copies a chart's title,
 * e.g. a task named "<script>…", into aria-label); dropping them only costs a screen-reader label.
 */
function removals(purify: DOMPurify): string[] {
  const out: string[] = [];
  for (const item of purify.removed as { element?: Node; attribute?: Attr | null; from?: Node }[]) {
    if (item.attribute?.name.toLowerCase().startsWith("aria-")) continue;
    if (item.attribute) {
      const owner = item.from?.nodeName.toLowerCase() ?? "?";
      out.push(`attribute ${item.attribute.name}="${item.attribute.value.slice(0, 40)}" on <${owner}>`);
    } else if (item.element && item.element.nodeName !== "BODY") {
      out.push(
        item.element.nodeType === 1
          ? `<${item.element.nodeName.toLowerCase()}> element`
          : "a comment or declaration",
      );
    }
  }
  return out;
}

/** The result of {@link sanitizeSVG}: the cleaned SVG and what was taken out. */
export interface SanitizedSVG {
  /** One `<svg>` element with only drawing elements, fragment links and no script, as markup. */
  readonly svg: string;
  /** Each element or attribute removed, in words; empty for every chart this package renders. */
  readonly removed: readonly string[];
}

/**
 * Cleans an SVG string for inlining in a page with DOMPurify (SVG and SVG-filter profiles, run on the
 * page's DOM in a browser and on jsdom in Node): no script-capable elements, event handlers, styles,
 * animation, or links other than `#fragment` and embedded raster images; anything outside the one
 * root `<svg>` (a `<meta http-equiv=refresh>`, a `<form>`, a `<noscript>` trick) is dropped.
 *
 * @example
 * ```ts
 * sanitizeSVG('<svg onload="alert(1)"><rect width="2" height="2"/></svg>').removed;
 * // ['attribute onload="alert(1)" on <svg>']
 * ```
 */
export function sanitizeSVG(svg: string): SanitizedSVG {
  if (typeof svg !== "string") throw new PlotError("UNSAFE_SVG", "an SVG must be a string");
  const purify = sanitisers().svg;
  const body = purify.sanitize(svg, { ...svgConfig, RETURN_DOM: true }) as HTMLElement;
  const removed = removals(purify);
  // Inside <svg> the HTML parser reads CDATA as text, so nothing in it can act; a chart never has
  // one, though, and hiding markup in one is a probe worth refusing out loud.
  if (/<!\[CDATA\[|<!--|<!doctype|<!entity|<\?/i.test(svg)) {
    removed.push("a comment, CDATA section or declaration");
  }
  const roots = [...body.childNodes].filter((n) => n.nodeType !== 3 || (n.textContent ?? "").trim() !== "");
  const root = roots[0];
  if (roots.length !== 1 || root?.nodeName.toLowerCase() !== "svg") {
    removed.push("content outside a single root <svg>");
    return { svg: root?.nodeName.toLowerCase() === "svg" ? (root as Element).outerHTML : "", removed };
  }
  return { svg: (root as Element).outerHTML, removed };
}

/**
 * Checks that an SVG string is safe to inline in a page and returns it as DOMPurify serialised it.
 * Charts rendered by this package always pass (Vega escapes the text it draws); SVG from which
 * {@link sanitizeSVG} would remove anything is rejected with `UNSAFE_SVG`, naming the first finding,
 * rather than silently altered.
 *
 * @example
 * ```ts
 * const safe = assertSafeSVG(await chart.toSVG());
 * assertSafeSVG('<svg><script>alert(1)</script></svg>'); // throws PlotError UNSAFE_SVG
 * ```
 */
export function assertSafeSVG(svg: string): string {
  if (typeof svg !== "string" || !/^\s*<svg[\s>/]/i.test(svg)) {
    throw new PlotError("UNSAFE_SVG", "refusing to inline this SVG: it does not start with <svg");
  }
  const { svg: clean, removed } = sanitizeSVG(svg);
  if (removed.length > 0) {
    throw new PlotError(
      "UNSAFE_SVG",
      `refusing to inline this SVG: ${removed[0]}${removed.length > 1 ? ` (and ${removed.length - 1} more)` : ""}`,
    );
  }
  return clean;
}

/**
 * Cleans an HTML fragment (rendered Markdown prose with KaTeX MathML) with DOMPurify: HTML and MathML
 * only; no script, styles, forms, meta refreshes, frames or media; links only to http(s), mail or
 * in-page anchors (opened with `rel="noopener noreferrer"`); images only as embedded data.
 *
 * @example
 * ```ts
 * sanitizeHTML('<p title="x" onclick="alert(1)">hi</p>'); // '<p title="x">hi</p>'
 * ```
 */
export function sanitizeHTML(html: string): string {
  return sanitisers().html.sanitize(String(html), htmlConfig) as string;
}
