import { TaskError } from "../errors.js";
import type { CachedResponse } from "./cache.js";

/** An OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp server, Ollama, …). */
export interface ModelEndpoint {
  /** Base URL including the version prefix, e.g. `http://127.0.0.1:8080/v1`. */
  baseURL: string;
  /** Model name sent as `model`. */
  model: string;
  /** `/v1/completions` (raw prompt) or `/v1/chat/completions` (prompt as one user message). */
  api?: "completions" | "chat";
  /**
   * Name of the environment variable holding the API key (default `OPENAI_API_KEY`). The key is read
   * when requests are made, sent only as a bearer token, and redacted from every error message.
   */
  apiKeyEnv?: string;
  /** A system message for the chat API. */
  system?: string;
}

/** Decoding parameters: greedy (temperature 0) with a token budget and stop sequences. */
export interface GenerationParams {
  maxTokens: number;
  stop?: readonly string[];
}

/** A failed request; `retryable` for 429, 5xx, timeouts, network errors and garbage responses. */
export class RequestError extends TaskError {
  readonly retryable: boolean;
  /** Seconds from a Retry-After header, when the server sent one. */
  readonly retryAfter: number | undefined;
  constructor(
    code: "HTTP_ERROR" | "BAD_RESPONSE" | "TIMEOUT" | "ABORTED",
    message: string,
    retryable: boolean,
    retryAfter?: number,
  ) {
    super(code, message);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }
}

/** The JSON body sent for one prompt. */
export function requestBody(
  endpoint: ModelEndpoint,
  prompt: string,
  params: GenerationParams,
): Record<string, unknown> {
  const common: Record<string, unknown> = {
    model: endpoint.model,
    max_tokens: params.maxTokens,
    temperature: 0,
    top_p: 1,
    n: 1,
  };
  if (params.stop && params.stop.length > 0) common.stop = [...params.stop];
  if ((endpoint.api ?? "completions") === "chat") {
    const messages = endpoint.system ? [{ role: "system", content: endpoint.system }] : [];
    messages.push({ role: "user", content: prompt });
    return { ...common, messages };
  }
  return { ...common, prompt };
}

function redact(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join("[redacted]") : text;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s);
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, (t - Date.now()) / 1000) : undefined;
}

/**
 * One request, no retries: POST the prompt, enforce `timeoutMs`, and parse the text out of an
 * OpenAI-shaped response. Throws {@link RequestError}.
 */
export async function complete(
  endpoint: ModelEndpoint,
  prompt: string,
  params: GenerationParams,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CachedResponse> {
  const api = endpoint.api ?? "completions";
  const url = `${endpoint.baseURL.replace(/\/+$/, "")}/${api === "chat" ? "chat/completions" : "completions"}`;
  const key = process.env[endpoint.apiKeyEnv ?? "OPENAI_API_KEY"];
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timeout")), timeoutMs);
  const onAbort = () => controller.abort(new Error("aborted"));
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    let response: Response;
    let raw: string;
    try {
      response = await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify(requestBody(endpoint, prompt, params)),
        signal: controller.signal,
      });
      raw = await response.text();
    } catch (e) {
      if (signal?.aborted) throw new RequestError("ABORTED", "evaluation aborted", false);
      if (controller.signal.aborted)
        throw new RequestError("TIMEOUT", `no response from ${url} within ${timeoutMs} ms`, true);
      const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
      throw new RequestError("HTTP_ERROR", redact(`request to ${url} failed: ${cause}`, key), true);
    }
    if (!response.ok) {
      const retryable = response.status === 429 || response.status === 408 || response.status >= 500;
      const snippet = redact(raw.slice(0, 200), key);
      throw new RequestError(
        "HTTP_ERROR",
        `${url} answered ${response.status}: ${snippet}`,
        retryable,
        parseRetryAfter(response.headers.get("retry-after")),
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new RequestError(
        "BAD_RESPONSE",
        `${url} sent a body that is not JSON: ${redact(raw.slice(0, 80), key)}`,
        true,
      );
    }
    const choice = (body as { choices?: unknown[] } | null)?.choices?.[0] as
      | { text?: unknown; message?: { content?: unknown }; finish_reason?: unknown }
      | undefined;
    const text = api === "chat" ? choice?.message?.content : choice?.text;
    if (typeof text !== "string") {
      throw new RequestError(
        "BAD_RESPONSE",
        `${url} sent JSON without choices[0].${api === "chat" ? "message.content" : "text"}`,
        true,
      );
    }
    return { text, finishReason: typeof choice?.finish_reason === "string" ? choice.finish_reason : null };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
