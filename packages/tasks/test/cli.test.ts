import { describe, expect, it } from "vitest";
import { formatInstances, parseSeed, runList } from "../src/cli/generate.js";
import { families, generate, TaskError } from "../src/index.js";
import { cli } from "./helpers/cli.js";

describe("the family registry", () => {
  it("lists every family the issue names, each generating valid instances with defaults", () => {
    const names = families.map((f) => f.name);
    for (const n of [
      "arithmetic",
      "cycle-letters",
      "anagrams1",
      "anagrams2",
      "random-insertion",
      "reversed-words",
      "modular",
    ]) {
      expect(names).toContain(n);
    }
    for (const f of families) {
      const xs = generate(f.name, {}, 3, 1);
      expect(xs).toHaveLength(3);
      for (const t of xs) {
        expect(typeof t.prompt).toBe("string");
        expect(typeof t.target).toBe("string");
        expect(t.family).toBe(f.name);
      }
    }
  });

  it("validates option types and refuses unknown options", () => {
    expect(() => generate("arithmetic", { digitz: 3 }, 1, 0)).toThrow(/unknown option/);
    expect(() => generate("arithmetic", { op: "pow" }, 1, 0)).toThrow(/one of add, sub, mul/);
    expect(() => generate("arithmetic", { digits: "x" }, 1, 0)).toThrow(/number/);
    expect(() => generate("arithmetic", { digits: 2.5 }, 1, 0)).toThrow(/integer/);
    expect(() => generate("nope", {}, 1, 0)).toThrow(TaskError);
    expect(() => generate("modular", { op: "div", p: 8 }, 1, 0)).toThrow(/not prime/);
  });
});

describe("CLI commands", () => {
  it("generate writes JSONL with prompt, target and meta", async () => {
    const { code, stdout } = await cli([
      "generate",
      "arithmetic",
      "--op",
      "add",
      "--digits",
      "2",
      "--n",
      "3",
      "--seed",
      "4",
    ]);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ family: "arithmetic", meta: { op: "add", digits: 2 } });
    expect(lines[0].prompt).toMatch(/^\n\nQ: What is \d+ plus \d+\?\n\nA:$/);
    expect(lines[0].target).toMatch(/^ \d+$/);
  });

  it("accepts kebab-case family flags (both --flag v and --flag=v) and string seeds", async () => {
    const { code, stdout } = await cli([
      "generate",
      "modular",
      "--op",
      "add",
      "--p=7",
      "--train-fraction",
      "0.4",
      "--n",
      "2",
      "--seed",
      "s",
    ]);
    expect(code).toBe(0);
    const [first] = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(first.meta).toMatchObject({ op: "add", p: 7, trainFraction: 0.4, split: "test" });
    expect(first.prompt).toMatch(/^\d+ \+ \d+ \(mod 7\) =$/);
    expect(parseSeed("7")).toBe(7);
    expect(parseSeed("-3")).toBe(-3);
    expect(parseSeed("007")).toBe("007");
  });

  it("keeps string options verbatim (an empty instruction stays empty)", async () => {
    const { stdout } = await cli(["generate", "reversed-words", "--n", "1", "--instruction", ""]);
    expect(JSON.parse(stdout).prompt).toMatch(/^[a-z]+ =$/);
  });

  it("formats GPT-3 lines and lists families with their options", async () => {
    const xs = generate("reversed-words", {}, 2, 0);
    expect(formatInstances(xs, "gpt3").split("\n")[0]).toMatch(
      /^\{"context": "Please unscramble.*", "completion": " [a-z]+"\}$/,
    );
    expect(runList(false)).toContain("--digits <integer>");
    const json = JSON.parse((await cli(["list", "modular", "--json"])).stdout);
    expect(json[0].options.map((o: { name: string }) => o.name)).toEqual([
      "op",
      "p",
      "trainFraction",
      "split",
    ]);
    expect(() => formatInstances(xs, "csv" as "json")).toThrow(TaskError);
  });
});
