import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake endpoint does with one request. */
export type Behaviour =
  | { kind: "ok"; text?: string; delayMs?: number }
  | { kind: "status"; status: number; retryAfter?: string; body?: string }
  | { kind: "stall" }
  | { kind: "garbage"; body: string };

export interface RequestInfo {
  readonly path: string;
  readonly prompt: string;
  /** How many times this prompt has been asked, including this request (1-based). */
  readonly nth: number;
  readonly body: Record<string, unknown>;
  readonly authorization: string | undefined;
}

/** The correct GPT-3-style answer for arithmetic prompts; other prompts echo their length. */
export function oracle(prompt: string): string {
  const m = /What is (\d+) (plus|minus|times) (\d+)\?/.exec(prompt);
  if (m) {
    const a = BigInt(m[1] as string);
    const b = BigInt(m[3] as string);
    const v = m[2] === "plus" ? a + b : m[2] === "minus" ? a - b : a * b;
    return ` ${v}\n\nQ: What is next?`;
  }
  return ` len ${prompt.length}`;
}

/**
 * A loopback server speaking /v1/completions and /v1/chat/completions, counting requests per
 * prompt, whose behaviour per request the test chooses (fail, stall, garbage, slow, ok).
 */
export async function startServer(behave: (r: RequestInfo) => Behaviour = () => ({ kind: "ok" })) {
  const counts = new Map<string, number>();
  const requests: RequestInfo[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      res.writeHead(400).end("bad json");
      return;
    }
    const chat = req.url === "/v1/chat/completions";
    if (!chat && req.url !== "/v1/completions") {
      res.writeHead(404).end("not found");
      return;
    }
    const prompt = chat
      ? String((body.messages as { content: string }[] | undefined)?.at(-1)?.content ?? "")
      : String(body.prompt ?? "");
    const nth = (counts.get(prompt) ?? 0) + 1;
    counts.set(prompt, nth);
    const info: RequestInfo = {
      path: req.url ?? "",
      prompt,
      nth,
      body,
      authorization: req.headers.authorization,
    };
    requests.push(info);
    const b = behave(info);
    if (b.kind === "stall") return; // never answer
    if (b.kind === "status") {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (b.retryAfter !== undefined) headers["retry-after"] = b.retryAfter;
      res.writeHead(b.status, headers).end(b.body ?? JSON.stringify({ error: { message: "try later" } }));
      return;
    }
    if (b.kind === "garbage") {
      res.writeHead(200, { "content-type": "application/json" }).end(b.body);
      return;
    }
    const text = b.text ?? oracle(prompt);
    const payload = chat
      ? {
          id: "x",
          object: "chat.completion",
          choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
        }
      : { id: "x", object: "text_completion", choices: [{ index: 0, text, finish_reason: "stop" }] };
    const send = () =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
    if (b.delayMs) setTimeout(send, b.delayMs);
    else send();
  };
  const server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      raw += c;
    });
    req.on("end", () => handle(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    counts,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
