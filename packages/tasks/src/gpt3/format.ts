/**
 * The GPT-3 (Brown et al., 2020) arithmetic data format, verified byte for byte against the
 * openai/gpt-3 data files: a context `"\n\nQ: What is 98 plus 45?\n\nA:"` and a completion
 * `" 143"` (note the leading space and no trailing newline).
 */
export function gpt3Question(question: string): string {
  return `\n\nQ: What is ${question}?\n\nA:`;
}

/** The completion for an answer: a single leading space. */
export function gpt3Completion(answer: string): string {
  return ` ${answer}`;
}

/** The instruction of the GPT-3 word-scrambling tasks (paper, Figures G.19–G.27). */
export const UNSCRAMBLE_INSTRUCTION = "Please unscramble the letters into a word, and write that word:";

/**
 * The context of a word-scrambling task: instruction, newline, scrambled word, `" ="` (the layout of
 * the paper's Figures G.26–G.27); with an empty instruction, just `"<scrambled> ="`.
 */
export function gpt3UnscrambleContext(scrambled: string, instruction = UNSCRAMBLE_INSTRUCTION): string {
  return instruction === "" ? `${scrambled} =` : `${instruction}\n${scrambled} =`;
}

function pythonJsonString(s: string): string {
  // Python's json.dumps escapes every non-ASCII character; JSON.stringify does not.
  return JSON.stringify(s).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * One line of a GPT-3 data file, byte for byte as OpenAI's Python `json.dumps` wrote it:
 * `{"context": "...", "completion": "..."}`.
 *
 * @example
 * ```ts
 * gpt3JsonLine({ prompt: "\n\nQ: What is 1 plus 1?\n\nA:", target: " 2" });
 * // '{"context": "\\n\\nQ: What is 1 plus 1?\\n\\nA:", "completion": " 2"}'
 * ```
 */
export function gpt3JsonLine(instance: { readonly prompt: string; readonly target: string }): string {
  return `{"context": ${pythonJsonString(instance.prompt)}, "completion": ${pythonJsonString(instance.target)}}`;
}
