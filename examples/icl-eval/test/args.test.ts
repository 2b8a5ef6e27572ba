import { describe, expect, it } from "vitest";
import { parseModel, parseSize, parseStudyArgs, UsageError } from "../src/args.js";

describe("command-line parsing", () => {
  it("reads parameter counts in the usual spellings", () => {
    expect(parseSize("7B")).toBe(7e9);
    expect(parseSize("350m")).toBe(3.5e8);
    expect(parseSize("1.3e9")).toBe(1.3e9);
    expect(parseSize("125M")).toBe(1.25e8);
    expect(() => parseSize("big")).toThrow(UsageError);
    expect(() => parseSize("-1B")).toThrow(UsageError);
  });

  it("splits NAME=SIZE@URL, keeping Ollama and Hugging Face names intact", () => {
    expect(parseModel("qwen2.5:7b")).toEqual({ name: "qwen2.5:7b" });
    expect(parseModel("qwen2.5:7b=7.6B")).toEqual({ name: "qwen2.5:7b", size: 7.6e9 });
    expect(parseModel("Qwen/Qwen2.5-0.5B=0.49B@http://127.0.0.1:8001/v1")).toEqual({
      name: "Qwen/Qwen2.5-0.5B",
      size: 4.9e8,
      endpoint: "http://127.0.0.1:8001/v1",
    });
    expect(() => parseModel("=7B")).toThrow(UsageError);
  });

  it("validates flags and fills defaults", () => {
    const o = parseStudyArgs(["--endpoint", "http://127.0.0.1:8080/v1", "--model", "m", "--digits", "5,2,3"]);
    if (o === "help") throw new Error("unexpected help");
    expect(o.levels.arithmetic).toEqual([2, 3, 5]);
    expect(o).toMatchObject({ n: 20, shots: 4, seed: 0, api: "completions", apiKeyEnv: "OPENAI_API_KEY" });
    expect(parseStudyArgs(["--help"])).toBe("help");
    expect(() => parseStudyArgs(["--endpoint", "ftp://x", "--model", "m"])).toThrow(/http/);
    expect(() => parseStudyArgs(["--endpoint", "http://x/v1", "--model", "m", "--model", "m"])).toThrow(
      /twice/,
    );
    expect(() => parseStudyArgs(["--dry-run", "--api-key-env", "sk-123"])).toThrow(/NAME of an environment/);
    expect(() => parseStudyArgs(["--dry-run", "--n", "0"])).toThrow(/--n/);
    expect(() => parseStudyArgs(["--dry-run", "--frobnicate"])).toThrow(UsageError);
  });
});
