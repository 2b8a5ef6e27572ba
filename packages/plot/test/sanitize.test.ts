import fc from "fast-check";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import {
  assertSafeSVG,
  emergenceChart,
  figure,
  PlotError,
  renderMarkdown,
  report,
  sanitizeHTML,
  sanitizeSVG,
} from "../src/index.js";
import { evasions } from "./evasions.js";

/** Elements that may never reach a report, whatever the input. */
const banned = new Set([
  "script",
  "meta",
  "form",
  "iframe",
  "frame",
  "object",
  "embed",
  "noscript",
  "style",
  "foreignobject",
  "textarea",
  "base",
  "link",
  "input",
  "button",
  "set",
  "animate",
  "template",
]);
const linkAttributes = new Set(["href", "xlink:href", "src", "action", "formaction", "ping", "srcset"]);

/**
 * Every problem in an HTML fragment as a browser would parse it (scripting on, so <noscript> content
 * is raw text, as in Chromium): banned elements, event handlers, script URLs, external fetches.
 */
function problems(html: string, allowLinks: RegExp): string[] {
  const dom = new JSDOM(`<!doctype html><body>${html}</body>`, { runScripts: "outside-only" });
  const found: string[] = [];
  for (const el of dom.window.document.body.querySelectorAll("*")) {
    const name = el.localName.toLowerCase();
    if (banned.has(name)) found.push(`<${name}>`);
    for (const a of el.attributes) {
      const attr = a.name.toLowerCase();
      // URL parsers skip control characters and spaces, so "jav\tascript:" counts as javascript:.
      const value = [...a.value]
        .filter((c) => c.charCodeAt(0) > 32)
        .join("")
        .toLowerCase();
      if (attr.startsWith("on")) found.push(`${attr} on <${name}>`);
      if (/(java|vb)script:/.test(value) && attr !== "aria-label") found.push(`script URL in ${attr}`);
      if (linkAttributes.has(attr) && !allowLinks.test(a.value.trim())) found.push(`${attr}=${a.value}`);
      for (const m of a.value.matchAll(/url\(\s*['"]?([^'")]*)/gi)) {
        if (!(m[1] ?? "").startsWith("#")) found.push(`url(${m[1]}) in ${attr}`);
      }
      if (name === "set" || (attr === "attributename" && /^on|href/i.test(a.value))) found.push(attr);
    }
  }
  dom.window.close();
  return found;
}
const svgLinks = /^(#[\w.:-]*|data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*)$/i;
const proseLinks = /^(https?:|mailto:|#|data:image\/(png|jpeg|gif|webp);base64,)/i;

describe("the report sanitiser (DOMPurify on jsdom)", () => {
  it("passes every chart this package renders unchanged in content", async () => {
    const chart = emergenceChart({
      panels: [{ task: "addition", points: [1e7, 1e8, 1e9].map((size, i) => ({ size, score: i / 2 })) }],
    });
    const svg = await chart.toSVG();
    expect(sanitizeSVG(svg).removed).toEqual([]);
    const clean = assertSafeSVG(svg);
    // Same elements, same text, same drawing.
    const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
    expect(count(clean, /<path\b/g)).toBe(count(svg, /<path\b/g));
    expect(count(clean, /<text\b/g)).toBe(count(svg, /<text\b/g));
  });

  describe.each(evasions)("refuses evasion: $name", (evasion) => {
    it("assertSafeSVG throws UNSAFE_SVG, and a report with it is refused", () => {
      expect(() => assertSafeSVG(evasion.svg)).toThrow(expect.objectContaining({ code: "UNSAFE_SVG" }));
      expect(() => report([{ type: "figure", svg: evasion.svg }])).toThrow(PlotError);
    });
    it("sanitizeSVG removes it (and says so)", () => {
      const { svg, removed } = sanitizeSVG(evasion.svg);
      expect(removed.length).toBeGreaterThan(0);
      expect(problems(svg, svgLinks)).toEqual([]);
      expect(svg).not.toMatch(/<(meta|form|img|textarea|noscript|button|math|style|set)\b/i);
    });
  });

  it("counts 9 of the 13 evasions as ones the old allow-list accepted (the issue's finding)", () => {
    expect(evasions).toHaveLength(13);
    expect(evasions.filter((e) => e.acceptedBefore)).toHaveLength(9);
  });

  it('does not reject a chart titled "Learning javascript: a study" (the false positive)', async () => {
    const chart = emergenceChart({
      title: "Learning javascript: a study",
      panels: [
        { task: "javascript: the good parts", points: [1e7, 1e9].map((size, i) => ({ size, score: i })) },
      ],
    });
    const html = report([await figure(chart, { caption: "Learning javascript: a study" })], {
      title: "Learning javascript: a study",
    });
    expect(html).toContain("Learning javascript: a study");
    expect(html.match(/<svg/g)).toHaveLength(1);
  });

  it("cleans prose HTML: no handlers, script URLs, forms, meta refreshes or styles", () => {
    expect(sanitizeHTML('<p title="x" onclick="alert(1)">hi</p>')).toBe('<p title="x">hi</p>');
    const dirty =
      '<meta http-equiv="refresh" content="0"><form action="https://e"><button>x</button></form>' +
      '<a href="javascript:alert(1)">a</a><a href="https://ok.example/">b</a><style>*{}</style>';
    const clean = sanitizeHTML(dirty);
    expect(problems(clean, proseLinks)).toEqual([]);
    expect(clean).toContain('<a href="https://ok.example/" rel="noopener noreferrer">b</a>');
  });
});

// Pieces attackers combine; the fuzzer strings them together with arbitrary text in between.
const fragments = [
  "<svg>",
  "</svg>",
  '<svg xmlns="http://www.w3.org/2000/svg">',
  "<script>window.__xss=1</script>",
  "<script>",
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<form action="https://evil.example/">',
  "</form>",
  "<noscript>",
  "</noscript>",
  '<p title="',
  '">',
  "<img src=x onerror=window.__xss=1>",
  " onload=window.__xss=1",
  ' onclick="window.__xss=1"',
  '<a href="javascript:window.__xss=1">',
  '<a xlink:href="jav&#x09;ascript:1">',
  '<a href="#ok">',
  "</a>",
  "<style>",
  "</style>",
  "<math><mtext><table><mglyph><style>",
  "<![CDATA[",
  "]]>",
  "<!--",
  "-->",
  "<rect",
  "<rect width=2 height=2/>",
  "/>",
  ">",
  '"',
  "'",
  "<textarea>",
  '<iframe srcdoc="',
  '<set attributeName="onclick" to="window.__xss=1"/>',
  '<animate attributeName="href" values="javascript:1"/>',
  '<use href="data:image/svg+xml,',
  ' fill="url(https://evil.example/x)"',
  ' style="fill:url(https://evil.example/x)"',
  ' clip-path="url(#clip1)"',
  "<foreignObject>",
  "<title>",
  "</title>",
  "<text>",
  "</text>",
  "javascript:",
  "&#106;avascript:",
  "<base href=https://evil.example/>",
  '<button formaction="https://evil.example/">',
  '<image href="https://evil.example/x.png"/>',
  '<a ping="https://evil.example/">',
  "<svg/onload=window.__xss=1>",
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 6 })), { maxLength: 24 })
  .map((parts) => parts.join(""));

describe("fuzzing the sanitiser (fast-check)", () => {
  it("sanitizeSVG never outputs a handler, script URL, banned element or external fetch", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const { svg } = sanitizeSVG(input);
        expect(problems(svg, svgLinks)).toEqual([]);
        expect(svg).not.toMatch(/<(script|meta|form|iframe|style|noscript|textarea)\b/i);
      }),
      { numRuns: 250, seed: 17 },
    );
  });
  it("assertSafeSVG either throws UNSAFE_SVG or returns a clean SVG", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        let out: string;
        try {
          out = assertSafeSVG(input);
        } catch (error) {
          expect(error).toBeInstanceOf(PlotError);
          expect((error as PlotError).code).toBe("UNSAFE_SVG");
          return;
        }
        expect(problems(out, svgLinks)).toEqual([]);
      }),
      { numRuns: 400, seed: 5 },
    );
  });
  it("Markdown prose never becomes markup that acts (raw HTML, links, maths)", () => {
    const prose = fc
      .array(
        fc.oneof(
          fc.constantFrom(...fragments, "[x](", ")", "$", "$$", "\\href{javascript:1}{x}", "`", "\n\n", "*"),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 24 },
      )
      .map((p) => p.join(""));
    fc.assert(
      fc.property(prose, (input) => {
        const html = renderMarkdown(input);
        expect(problems(html, proseLinks)).toEqual([]);
        expect(html).not.toMatch(/<(script|meta|form|iframe|style|noscript|textarea|img|svg)\b/i);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
