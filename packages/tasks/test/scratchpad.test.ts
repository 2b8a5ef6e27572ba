import { describe, expect, it } from "vitest";
import {
  arithmetic,
  extractScratchpadAnswer,
  families,
  generate,
  scratchpadAddition,
  TaskError,
} from "../src/index.js";

// Nye et al. (2021), Figure 2, as quoted byte for byte by five independent public reimplementations
// (the paper's own text could not be read here; see src/gpt3/scratchpad.ts). With the `#` comments,
// which the caption says are not part of the target.
const FIGURE_2 = [
  "Input:",
  "2 9 + 5 7",
  "Target:",
  "<scratch>",
  "2 9 + 5 7 , C: 0",
  "2 + 5 , 6 C: 1 # added 9 + 7 = 6 carry 1",
  ", 8 6 C: 0 # added 2 + 5 + 1 = 8 carry 0",
  "0 8 6",
  "</scratch>",
  "8 6",
].join("\n");

describe("Nye et al. scratchpad for long addition", () => {
  it("reproduces Figure 2 byte for byte (with comments)", () => {
    const s = scratchpadAddition(29n, 57n, { comments: true });
    expect(`${s.prompt}${s.scratchpadTarget}`).toBe(FIGURE_2);
  });

  it("leaves the comments out of the target by default, as the caption says", () => {
    const s = scratchpadAddition(29n, 57n);
    expect(s.scratchpadTarget).toBe(
      "<scratch>\n2 9 + 5 7 , C: 0\n2 + 5 , 6 C: 1\n, 8 6 C: 0\n0 8 6\n</scratch>\n8 6",
    );
    expect(s.directTarget).toBe("8 6");
    expect(s.answer).toBe("86");
    expect(s.lines).toHaveLength(4);
  });

  it("writes a final carry of 1 as the leading digit of the answer", () => {
    // 83 + 76 = 159: the last column carries out.
    expect(scratchpadAddition(83n, 76n).scratchpadTarget).toBe(
      "<scratch>\n8 3 + 7 6 , C: 0\n8 + 7 , 9 C: 0\n, 5 9 C: 1\n1 5 9\n</scratch>\n1 5 9",
    );
  });

  it("takes three columns for three digits, each line dropping one digit per operand", () => {
    expect(scratchpadAddition(123n, 169n).lines).toEqual([
      "1 2 3 + 1 6 9 , C: 0",
      "1 2 + 1 6 , 2 C: 1",
      "1 + 1 , 9 2 C: 0",
      ", 2 9 2 C: 0",
      "0 2 9 2",
    ]);
  });

  it("pads a shorter operand with zeros inside the scratchpad only (our documented choice)", () => {
    const s = scratchpadAddition(7n, 95n);
    expect(s.prompt).toBe("Input:\n7 + 9 5\nTarget:\n");
    expect(s.lines[0]).toBe("0 7 + 9 5 , C: 0");
    expect(s.directTarget).toBe("1 0 2");
  });

  it("is correct on many sums: the answer line is a + b and the carries chain", () => {
    for (const [a, b] of [
      [0n, 0n],
      [999n, 1n],
      [5050n, 4949n],
      [12345678n, 87654321n],
    ] as const) {
      const s = scratchpadAddition(a, b);
      expect(extractScratchpadAnswer(s.scratchpadTarget)).toBe((a + b).toString());
      expect(extractScratchpadAnswer(s.directTarget)).toBe((a + b).toString());
    }
    expect(scratchpadAddition(999n, 1n).lines.at(-1)).toBe("1 0 0 0");
  });

  it("refuses negative or oversized operands with a typed error", () => {
    expect(() => scratchpadAddition(-1n, 2n)).toThrow(TaskError);
    expect(() => scratchpadAddition(10n ** 101n, 2n)).toThrow(/at most 100 digits/);
  });

  it("extracts nothing from a completion whose answer line is not a number", () => {
    expect(extractScratchpadAnswer("<scratch>\n2 9 + 5 7 , C: 0\n</scratch>\nC: 1")).toBeUndefined();
  });
});

describe("arithmetic({ style }) hooks the scratchpad into the GPT-3 arithmetic family", () => {
  it("poses the same problems in every style", () => {
    const gpt3 = arithmetic({ op: "add", digits: 3, n: 20, seed: 4 });
    const direct = arithmetic({ op: "add", digits: 3, n: 20, seed: 4, style: "direct" });
    const pad = arithmetic({ op: "add", digits: 3, n: 20, seed: 4, style: "scratchpad" });
    for (let i = 0; i < 20; i++) {
      const g = gpt3[i]!;
      const d = direct[i]!;
      const p = pad[i]!;
      expect(d.meta.a).toBe(g.meta.a);
      expect(p.meta.b).toBe(g.meta.b);
      expect(d.answer).toBe(g.answer);
      expect(p.answer).toBe(g.answer);
      expect(d.prompt).toBe(p.prompt);
      expect(p.target.endsWith(`</scratch>\n${d.target}`)).toBe(true);
      expect(p.rationale).toBe(p.target);
      expect(d.meta.style).toBe("direct");
    }
    // The default style keeps the GPT-3 instances unchanged (no style key in meta).
    expect(gpt3[0]!.meta).not.toHaveProperty("style");
  });

  it("is reachable through the family registry and generate()", () => {
    const fam = families.find((f) => f.name === "arithmetic");
    expect(fam?.options.map((o) => o.name)).toContain("style");
    const [inst] = generate("arithmetic", { digits: 2, style: "scratchpad" }, 1, 0);
    expect(inst?.target.startsWith("<scratch>\n")).toBe(true);
  });

  it("refuses a scratchpad for sub or mul, and an unknown style, before generating", () => {
    expect(() => arithmetic({ op: "mul", digits: 2, n: 1, seed: 0, style: "scratchpad" })).toThrow(
      /add only/,
    );
    expect(() => arithmetic({ op: "add", digits: 2, n: 1, seed: 0, style: "latex" as "gpt3" })).toThrow(
      TaskError,
    );
    expect(() => arithmetic({ op: "add", digits: 101, n: 1, seed: 0, style: "direct" })).toThrow(TaskError);
  });
});
