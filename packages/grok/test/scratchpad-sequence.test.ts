import { arithmetic } from "@emerge/tasks";
import { describe, expect, it } from "vitest";
import { compactScratchpad, finalAnswer, GrokError, renderProblem, scoredAnswer } from "../src/index.js";
import { sequenceDataset } from "../src/sequence/dataset.js";
import { resolveSequenceTask } from "../src/sequence/task-config.js";
import { EOS } from "../src/sequence/vocabulary.js";

// Nye et al. (2021)'s long-addition scratchpad as sequence data: the compact form of
// `@emerge/tasks`' arithmetic `style: "scratchpad"`, loss over scratchpad and answer, exact match
// on the final answer.

describe("scratchpad sequences", () => {
  it("compacts Nye et al.'s Figure 2 layout byte for byte and reads the final answer after it", () => {
    const target = "<scratch>\n2 9 + 5 7 , C: 0\n2 + 5 , 6 C: 1\n, 8 6 C: 0\n0 8 6\n</scratch>\n8 6";
    expect(compactScratchpad(target)).toBe("[29+57,C0\n2+5,6C1\n,86C0\n086\n]86");
    expect(finalAnswer("[29+57,C0\n2+5,6C1\n,86C0\n086\n]86")).toBe("86");
    expect(finalAnswer("[29+57,C0\n2+5,6C1\n,86C0\n086\n]")).toBe("");
    expect(finalAnswer("86")).toBe("86");
    const [inst] = arithmetic({ op: "add", digits: 2, n: 1, seed: "s", style: "scratchpad" });
    const r = renderProblem(inst as never, "compact");
    expect(r.prompt).toBe(`${inst?.meta.a}+${inst?.meta.b}=`);
    expect(finalAnswer(r.answer)).toBe(inst?.answer);
    expect(r.answer.startsWith(`[${inst?.meta.a}+${inst?.meta.b},C0\n`)).toBe(true);
  });

  it("a scratchpad dataset: loss on every scratchpad and answer token, answers end in the sum", () => {
    const task = resolveSequenceTask({
      options: { op: "add", digits: 2, style: "scratchpad" },
      reverse: false,
      trainSize: 300,
      testSize: 40,
    });
    const d = sequenceDataset(task, 3);
    expect(d.scratchpad).toBe(true);
    expect(d.vocab.decode(d.vocab.encode("[],C\n"))).toBe("[],C\n");
    for (let r = 0; r < 20; r++) {
      const prompt = d.train.prompts[r] as string;
      const [a, b] = prompt.slice(0, -1).split("+").map(Number) as [number, number];
      const answer = d.train.answers[r] as string;
      expect(finalAnswer(answer)).toBe(String(a + b));
      const row = d.train.targets.subarray(r * d.seq, (r + 1) * d.seq);
      const scored = [...row].filter((t) => t >= 0);
      // every character of scratchpad + answer, then EOS
      expect(scored).toEqual([...d.vocab.encode(answer), EOS]);
    }
    const direct = sequenceDataset(
      resolveSequenceTask({ options: { op: "add", digits: 2 }, reverse: false, trainSize: 10, testSize: 5 }),
      3,
    );
    expect(direct.scratchpad).toBe(false);
  });

  it("scores a scratchpad by its final answer: a wrong column with the right result is an exact match", () => {
    const want = "[29+57,C0\n2+5,6C1\n,86C0\n086\n]86";
    const wrongWork = "[29+57,C0\n2+5,7C1\n,86C0\n086\n]86";
    const wrongAnswer = "[29+57,C0\n2+5,6C1\n,86C0\n086\n]85";
    const task = { scratchpad: true, reverse: false };
    expect(scoredAnswer(wrongWork, task)).toBe(scoredAnswer(want, task));
    expect(scoredAnswer(wrongAnswer, task)).not.toBe(scoredAnswer(want, task));
    expect(scoredAnswer("68", { scratchpad: false, reverse: true })).toBe("86");
    expect(scoredAnswer("8]6", { scratchpad: false, reverse: false })).toBe("8]6");
  });

  it("rejects a reversed scratchpad before any data is generated", () => {
    expect(() => resolveSequenceTask({ options: { op: "add", digits: 2, style: "scratchpad" } })).toThrow(
      GrokError,
    );
    expect(() => resolveSequenceTask({ options: { op: "add", digits: 2, style: "scratchpad" } })).toThrow(
      /task.reverse/,
    );
  });
});
