import { emergenceChart, figure, type ReportSection, report, scatter } from "../src/index.js";

export const payloads = [
  "<script>window.__xss = 1</script>",
  '"onerror="window.__xss=1',
  "<img src=x onerror=window.__xss=1>",
  "'><svg onload=window.__xss=1>",
  "</textarea></pre><script>window.__xss=1</script>",
  "javascript:window.__xss=1",
];

/** The tag names and attribute names of every tag in an HTML string (text content is skipped). */
export function tags(html: string): { names: Set<string>; attributes: Set<string> } {
  const names = new Set<string>();
  const attributes = new Set<string>();
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    names.add((m[1] as string).toLowerCase());
    // Attribute names only: quoted values are consumed whole, so text inside them is never a name.
    for (const a of (m[2] as string).matchAll(/\s*([^\s="'>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      attributes.add((a[1] as string).toLowerCase());
    }
  }
  return { names, attributes };
}

/** A report with a payload in every text slot, including the chart's own texts. */
export async function hostileReport(): Promise<string> {
  const [p0, p1, p2, p3, p4, p5] = payloads as [string, string, string, string, string, string];
  const chart = emergenceChart({
    title: p1,
    panels: [
      {
        task: p0,
        metric: p2,
        points: [
          { size: 1e7, score: 0 },
          { size: 1e9, score: 1 },
        ],
      },
      {
        task: p0,
        metric: p3,
        points: [
          { size: 1e7, score: 0.2 },
          { size: 1e9, score: 0.8 },
        ],
      },
    ],
    x: { title: p4 },
  });
  const sections: ReportSection[] = [
    { type: "heading", text: p0 },
    { type: "text", text: `${p1}\n\n${p2}` },
    { type: "code", text: `prompt: ${p0}\noutput: ${p3}`, caption: p4 },
    await figure(chart, { caption: p2, alt: p1 }),
    await figure(scatter({ series: [{ name: p0, points: [{ x: 1, y: 1 }] }], title: p3 }), { caption: p5 }),
    {
      type: "table",
      columns: [p0, p1],
      rows: [
        [p2, 1.5],
        [p3, null],
      ],
      caption: p4,
    },
    { type: "keyNumbers", items: [{ label: p0, value: p1, detail: p2 }] },
  ];
  return report(sections, { title: p0, subtitle: p1 });
}
