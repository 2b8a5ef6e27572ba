import { arithmetic } from "@emerge/tasks";
import { describe, expect, it } from "vitest";
import {
  additionExamples,
  answerOf,
  compactAddition,
  decode,
  encode,
  heldOut,
} from "../src/data/addition.js";

describe("addition data from @emerge/tasks", () => {
  it("compacts Nye et al.'s scratchpad without losing a step", () => {
    const inst = arithmetic({ op: "add", digits: 2, n: 1, seed: 0, style: "scratchpad" })[0]!;
    const { prompt, target } = compactAddition(inst);
    const { a, b } = inst.meta as { a: string; b: string };
    expect(prompt).toBe(`${a}+${b}=`);
    expect(target.startsWith(`[${a.padStart(2, "0")}+${b.padStart(2, "0")},C0\n`)).toBe(true);
    expect(target.endsWith(`]${inst.answer}$`)).toBe(true);
    // One line per column, the setup line and the final carry line, as in the figure.
    expect(target.split("\n")).toHaveLength(5);
    expect(decode(encode(prompt + target))).toBe(prompt + target);
  });

  it("compacts the direct style to the bare answer", () => {
    const inst = arithmetic({ op: "add", digits: 3, n: 1, seed: 2, style: "direct" })[0]!;
    expect(compactAddition(inst).target).toBe(`${inst.answer}$`);
  });

  it("reads the answer after the scratchpad, keeping stray symbols so they count as wrong", () => {
    expect(answerOf("[29+57,C0\n2+5,6C1\n,86C0\n086\n]86$__")).toBe("86");
    expect(answerOf("86$")).toBe("86");
    expect(answerOf("8,6$")).toBe("8,6");
    expect(answerOf("")).toBe("");
  });

  it("keeps held-out problems out of training", () => {
    const train = additionExamples(2, "direct", 3000, "t");
    const test = heldOut(additionExamples(2, "direct", 500, "s"), train);
    const seen = new Set(train.map((e) => `${e.a}+${e.b}`));
    expect(test.length).toBeGreaterThan(0);
    expect(test.some((e) => seen.has(`${e.a}+${e.b}`))).toBe(false);
  });

  it("refuses a character outside the vocabulary", () => {
    expect(() => encode("1*2")).toThrow(/vocabulary/);
  });
});
