/**
 * A tiny OpenAI-compatible server for tests (node:http, 127.0.0.1, a free port). Each "model" has a
 * skill k: it answers correctly up to difficulty k and wrongly beyond (off by one, so per-character
 * accuracy stays high while exact match collapses: the "mirage" shape; for yes/no questions it
 * answers "yes", i.e. guesses). It reads only the LAST
 * question of the prompt, so few-shot exemplars do not confuse it, and it keeps talking after the
 * answer (a new "Q:") as real base models do, so the client's stop handling is exercised.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One fake model's difficulty limit per task. A fractional limit such as 2.4 means: always right up
 * to 2, right on 40% of the level-3 questions (chosen by a hash of the question, so the same
 * question always gets the same answer), wrong beyond.
 */
export interface Skill {
  /** Largest operand length it adds correctly. */
  readonly digits: number;
  /** Deepest multistep expression it evaluates correctly. */
  readonly depth: number;
  /** Most people it tracks in a coin-flip story. */
  readonly people: number;
}

/** A deterministic number in [0, 1) from a string (FNV-1a). */
function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/** Whether a model with this `limit` answers a question of difficulty `level` right. */
function passes(level: number, limit: number, question: string): boolean {
  if (level <= Math.floor(limit)) return true;
  return level === Math.floor(limit) + 1 && unitHash(question) < limit - Math.floor(limit);
}

/** What the server saw. */
export interface FakeServer {
  readonly url: string;
  readonly requests: {
    model: string;
    path: string;
    body: Record<string, unknown>;
    authorization: string | undefined;
  }[];
  close(): Promise<void>;
}

function evaluateExpression(expr: string): bigint {
  // Only digits, signs, * and parentheses reach here (the caller checks); BigInt keeps it exact.
  const tokens = expr.match(/\d+|[-+*()]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const factor = (): bigint => {
    const t = tokens[i++];
    if (t === "(") {
      const v = sum();
      i++; // ")"
      return v;
    }
    if (t === "-") return -factor();
    return BigInt(t as string);
  };
  const product = (): bigint => {
    let v = factor();
    while (peek() === "*") {
      i++;
      v *= factor();
    }
    return v;
  };
  const sum = (): bigint => {
    let v = product();
    while (peek() === "+" || peek() === "-") {
      const op = tokens[i++];
      const w = product();
      v = op === "+" ? v + w : v - w;
    }
    return v;
  };
  return sum();
}

function nesting(expr: string): number {
  let depth = 0;
  let max = 0;
  for (const c of expr) {
    if (c === "(") max = Math.max(max, ++depth);
    else if (c === ")") depth--;
  }
  return max;
}

/** The fake model's continuation of `prompt`. */
export function answer(prompt: string, skill: Skill): string {
  // The question being asked is the last one; the exemplars before it are ignored.
  const question = prompt.slice(Math.max(0, prompt.lastIndexOf("Q: ")));
  const add = /Q: What is (\d+) plus (\d+)\?\n\nA:$/.exec(question);
  if (add) {
    const [a, b] = [add[1] as string, add[2] as string];
    const sum = BigInt(a) + BigInt(b);
    const right = passes(Math.max(a.length, b.length), skill.digits, question);
    return ` ${right ? sum : sum + 1n}\n\nQ: What is 1 plus 1?\n\nA: 2`;
  }
  const multi = /Q: ([-+*() \d]+) =\nA:$/.exec(question);
  if (multi) {
    const expr = multi[1] as string;
    const value = evaluateExpression(expr);
    const right = passes(nesting(expr), skill.depth, question);
    return ` Let's think step by step.\n${expr} = ${right ? value : value + 1n}.\nSo the answer is ${right ? value : value + 1n}.\n\nQ: (1 + 1) =\nA:`;
  }
  const coin = /^Q: A coin is heads up\. (.*)Is the coin still heads up\?\nA:$/s.exec(question);
  if (coin) {
    const story = coin[1] as string;
    const people = (story.match(/the coin\./g) ?? []).length;
    const flips = (story.match(/ flips the coin\./g) ?? []).length;
    const even = flips % 2 === 0;
    // Past its limit it does not track the coin and says "yes", as a guessing model would: ~50%.
    const yes = passes(people, skill.people, question) ? even : true;
    return ` The coin was flipped ${flips} times. So the answer is ${yes ? "yes" : "no"}.\n\nQ: A coin is heads up.`;
  }
  return " I do not know.";
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

/**
 * Start the server with these models.
 *
 * @example
 * ```ts
 * const server = await startFakeOpenAI({ small: { digits: 2, depth: 1, people: 2 } }, { apiKey: "k" });
 * // … POST `${server.url}/completions` …
 * await server.close();
 * ```
 */
export async function startFakeOpenAI(
  models: Readonly<Record<string, Skill>>,
  options: { apiKey?: string; failFirst?: number } = {},
): Promise<FakeServer> {
  const { apiKey, failFirst = 0 } = options;
  const requests: FakeServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    };
    body(req).then(
      (b) => {
        const path = req.url ?? "";
        requests.push({ model: String(b.model), path, body: b, authorization: req.headers.authorization });
        if (requests.length <= failFirst) {
          json(503, { error: { message: "overloaded, try later" } });
          return;
        }
        if (apiKey !== undefined && req.headers.authorization !== `Bearer ${apiKey}`) {
          json(401, { error: { message: "bad key" } });
          return;
        }
        const skill = models[String(b.model)];
        if (!skill) {
          json(404, { error: { message: `model ${String(b.model)} not found` } });
          return;
        }
        if (path === "/v1/completions") {
          const text = answer(String(b.prompt), skill);
          json(200, {
            object: "text_completion",
            model: b.model,
            choices: [{ index: 0, text, finish_reason: "stop" }],
          });
        } else if (path === "/v1/chat/completions") {
          const messages = b.messages as { role: string; content: string }[];
          const text = answer(messages.at(-1)?.content ?? "", skill).trimStart();
          json(200, {
            object: "chat.completion",
            model: b.model,
            choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
          });
        } else json(404, { error: { message: `no route ${path}` } });
      },
      () => json(400, { error: { message: "bad JSON" } }),
    );
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
