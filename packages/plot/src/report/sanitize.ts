import { PlotError } from "../errors.js";

const forbiddenElements = new Set([
  "script",
  "foreignobject",
  "iframe",
  "object",
  "embed",
  "style",
  "animate",
  "set",
  "handler",
  "listener",
]);

/**
 * Checks that an SVG string is safe to inline in a page: no script-capable elements, no event-handler
 * attributes, no links other than fragment or `data:image/` URLs, no DOCTYPE/entities. Charts rendered
 * by this package always pass (Vega escapes the text it draws); hand-written SVG that does not is
 * rejected with `UNSAFE_SVG` rather than silently altered.
 *
 * @example
 * ```ts
 * assertSafeSVG(await chart.toSVG()); // returns the string unchanged
 * ```
 */
export function assertSafeSVG(svg: string): string {
  const fail = (why: string): never => {
    throw new PlotError("UNSAFE_SVG", `refusing to inline this SVG: ${why}`);
  };
  if (!/^\s*<svg[\s>]/i.test(svg)) fail("it does not start with <svg");
  for (let i = svg.indexOf("<"); i !== -1; i = svg.indexOf("<", i)) {
    if (svg.startsWith("<!", i) || svg.startsWith("<?", i))
      fail("declarations, comments and CDATA are not allowed");
    const nameMatch = /^<\/?\s*([A-Za-z][\w:.-]*)/.exec(svg.slice(i, i + 64));
    if (!nameMatch) fail(`malformed tag at offset ${i}`);
    const name = (nameMatch?.[1] ?? "").toLowerCase();
    if (forbiddenElements.has(name.replace(/^.*:/, ""))) fail(`<${name}> elements are not allowed`);
    // Walk the attributes, honouring quotes, to the end of the tag.
    let j = i + (nameMatch?.[0].length ?? 1);
    for (;;) {
      while (j < svg.length && /\s/.test(svg[j] as string)) j++;
      const ch = svg[j];
      if (ch === undefined) fail("unterminated tag");
      if (ch === ">" || (ch === "/" && svg[j + 1] === ">")) break;
      const attr = /^([^\s=>/]+)\s*(=\s*("[^"]*"|'[^']*'|[^\s>]+))?/.exec(svg.slice(j));
      if (!attr) fail(`malformed attribute at offset ${j}`);
      const attrName = (attr?.[1] ?? "").toLowerCase();
      const rawValue = attr?.[3] ?? "";
      const value = rawValue
        .replace(/^["']|["']$/g, "")
        .trim()
        .toLowerCase();
      if (attrName.startsWith("on")) fail(`event-handler attribute ${attrName}`);
      if (/(^|:)href$/.test(attrName) && !(value.startsWith("#") || value.startsWith("data:image/"))) {
        fail(`link ${attrName}="${value.slice(0, 40)}"`);
      }
      if (/javascript:|vbscript:/.test(value)) fail(`script URL in ${attrName}`);
      j += attr?.[0].length ?? 1;
    }
    i = j;
  }
  return svg;
}
