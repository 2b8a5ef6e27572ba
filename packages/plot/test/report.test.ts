import { describe, expect, it } from "vitest";
import {
  assertSafeSVG,
  emergenceChart,
  escapeHTML,
  figure,
  lineChart,
  PlotError,
  report,
  scatter,
} from "../src/index.js";
import { hostileReport, payloads, tags } from "./xss.js";

describe("escapeHTML", () => {
  it("escapes the five HTML-significant characters", () => {
    expect(escapeHTML(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("report", () => {
  it("is a complete offline page with figures, tables and key numbers", async () => {
    const chart = scatter({
      series: [
        {
          name: "a",
          points: [
            { x: 1, y: 2 },
            { x: 3, y: 4 },
          ],
        },
      ],
    });
    const html = report(
      [
        { type: "heading", text: "Results" },
        { type: "keyNumbers", items: [{ label: "exponent α", value: 0.3412345, detail: "±0.01" }] },
        await figure(chart, { caption: "Figure 1" }),
        { type: "table", columns: ["task", "threshold"], rows: [["addition", 2e9]] },
      ],
      { title: "Study" },
    );
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<title>Study</title>");
    expect(html).toContain("<h2>Results</h2>");
    expect(html).toContain('<div class="value">0.3412</div>');
    expect(html).toContain('<td class="num">2e9</td>');
    expect(html).toContain("<figcaption>Figure 1</figcaption>");
    expect(html.match(/<svg/g)).toHaveLength(1);
    // Offline: no external URL anywhere except the SVG namespace.
    expect(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]+"/g, "")).not.toMatch(
      /(https?:)?\/\/[a-z]/i,
    );
    expect(html).toContain("Content-Security-Policy");
  });

  it("appends a chart's notes to the caption when asked", async () => {
    const chart = emergenceChart({
      panels: [
        {
          task: "t",
          points: [
            { size: 1e6, score: 0.1 },
            { size: 1e8, score: 0.9 },
          ],
        },
      ],
    });
    const section = await figure(chart, { caption: "Fig. 2.", notes: true });
    expect(section.caption).toBe(`Fig. 2. ${chart.notes.join(" ")}`);
    expect((await figure(chart, { caption: "Fig. 2." })).caption).toBe("Fig. 2.");
  });

  it("gives every figure its own ids", async () => {
    const chart = lineChart({
      series: [
        {
          name: "a",
          points: [
            { x: 1, y: 2 },
            { x: 3, y: 4 },
          ],
        },
      ],
    });
    const html = report([await figure(chart), await figure(chart)]);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
  });

  it("embeds a PNG as a data URI when asked (Node)", async () => {
    const chart = scatter({
      series: [
        {
          name: "a",
          points: [
            { x: 1, y: 2 },
            { x: 3, y: 4 },
          ],
        },
      ],
    });
    const html = report([await figure(chart, { png: { scale: 1 }, svg: false, alt: "points" })]);
    expect(html).toMatch(/<img alt="points" src="data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/=]+">/);
    expect(html).not.toContain("<svg");
  });

  it("escapes every piece of text: no payload becomes a tag or an attribute (XSS)", async () => {
    const html = await hostileReport();
    const { names, attributes } = tags(html);
    for (const bad of ["script", "img", "iframe", "textarea", "foreignobject"])
      expect(names.has(bad)).toBe(false);
    for (const a of attributes) expect(a.startsWith("on")).toBe(false);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="javascript:/i);
    // Each payload is still there, as visible text.
    for (const p of payloads) expect(html).toContain(escapeHTML(p).slice(0, 12));
  });

  it("throws a typed error on a ragged table (a row longer or shorter than the headers)", () => {
    const table = (rows: (string | number)[][]) =>
      report([{ type: "table", columns: ["a", "b"], rows, caption: "t" }]);
    expect(() => table([["x", 1]])).not.toThrow();
    for (const rows of [
      [["x", 1, 2]],
      [["x"]],
      [
        ["x", 1],
        ["y", 2, 3],
      ],
    ]) {
      expect(() => table(rows)).toThrow(expect.objectContaining({ code: "INVALID_VALUE" }));
    }
    expect(() =>
      table([
        ["x", 1],
        ["y", 2, 3],
      ]),
    ).toThrow(/row 1 has 3 cells but there are 2 headers/);
  });

  it("renders prose as Markdown with TeX maths as MathML, and keeps raw HTML as text", () => {
    const html = report([
      {
        type: "text",
        text: "Call `train()` with **care**: exact match ≈ $\\mathrm{acc}^L$ and\n\n$$L = E + A N^{-0.34}$$\n\n<b>raw</b> costs $5 and $10",
      },
      { type: "table", columns: ["x"], rows: [["`kept`"]], caption: "Loss $N^{-\\alpha}$" },
    ]);
    expect(html).toContain("<code>train()</code>");
    expect(html).toContain("<strong>care</strong>");
    expect(html).not.toMatch(/`train\(\)`/);
    expect(html.match(/<math\b/g)).toHaveLength(3);
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">');
    expect(html).toContain("<msup>");
    expect(html).toContain("&lt;b&gt;raw&lt;/b&gt; costs $5 and $10");
    // Table cells are data, shown as given.
    expect(html).toContain("<td>`kept`</td>");
    // Plain format opts out.
    expect(report([{ type: "text", text: "`x` $y$", format: "plain" }])).toContain("<p>`x` $y$</p>");
  });

  it("rejects unknown sections and bad heading levels", () => {
    expect(() => report([{ type: "video" } as never])).toThrow(PlotError);
    expect(() => report([{ type: "heading", text: "x", level: 7 as never }])).toThrow(/heading level/);
    expect(() => report([{ type: "figure" }])).toThrow(PlotError);
  });
});

describe("assertSafeSVG", () => {
  const ok = '<svg xmlns="http://www.w3.org/2000/svg"><text x="1">&lt;script&gt; onerror=</text></svg>';
  it("accepts escaped text that merely mentions scripts", () => {
    expect(assertSafeSVG(ok)).toBe(ok);
  });
  it.each([
    ["script element", "<svg><script>alert(1)</script></svg>"],
    ["event handler", '<svg onload="alert(1)"></svg>'],
    ["unquoted handler", "<svg><rect onclick=alert(1) /></svg>"],
    ["javascript link", '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>'],
    ["external link", '<svg><image href="https://evil.example/x.png"/></svg>'],
    ["foreignObject", "<svg><foreignObject><div>x</div></foreignObject></svg>"],
    ["doctype", '<svg><!ENTITY x "y"></svg>'],
    ["not svg", "<div></div>"],
  ])("rejects %s", (_, svg) => {
    expect(() => assertSafeSVG(svg)).toThrow(expect.objectContaining({ code: "UNSAFE_SVG" }));
  });
});
