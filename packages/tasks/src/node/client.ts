import { TaskError } from "../errors.js";
import { limits } from "../limits.js";
import type { CachedResponse } from "./cache.js";
import { splitCredentials } from "./endpoint-url.js";
import { secretRedactor } from "./redact.js";

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
   * when requests are made, sent only as a bearer token, and redacted from everything the runner
   * keeps (results, cache, summary, messages). Credentials in `baseURL` (`http://user:KEY@host/v1`)
   * are sent as HTTP Basic auth when no key is set, and are redacted the same way.
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
    code: "HTTP_ERROR" | "BAD_RESPONSE" | "TIMEOUT" | "ABORTED" | "RESPONSE_TOO_LARGE",
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

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s);
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, (t - Date.now()) / 1000) : undefined;
}

/** The secrets one endpoint's requests carry: the API key, URL credentials and their Basic token. */
export interface EndpointAuth {
  /** The credential-free URL of the API call. */
  readonly url: string;
  /** Headers to send (content type and, when there is a credential, `authorization`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Removes every secret above (and long fragments of it) from a text. */
  readonly redact: (text: string) => string;
}

/**
 * Where and how to call an endpoint: the URL without credentials, the `authorization` header (bearer
 * API key from the environment, else HTTP Basic from `user:password@` in the base URL), and a redactor
 * for every secret involved, including the Basic token an endpoint could echo back.
 *
 * @example
 * ```ts
 * const auth = endpointAuth({ baseURL: "http://u:p4ssw0rd-long@127.0.0.1:8080/v1", model: "m" });
 * auth.url; // "http://127.0.0.1:8080/v1/completions"
 * auth.redact("p4ssw0rd-long"); // "[redacted]"
 * ```
 */
export function endpointAuth(endpoint: ModelEndpoint): EndpointAuth {
  const api = endpoint.api ?? "completions";
  const base = splitCredentials(endpoint.baseURL);
  const url = `${base.url}/${api === "chat" ? "chat/completions" : "completions"}`;
  const key = process.env[endpoint.apiKeyEnv ?? "OPENAI_API_KEY"];
  const headers: Record<string, string> = { "content-type": "application/json" };
  const secrets: (string | undefined)[] = [key, base.password];
  if (key) headers.authorization = `Bearer ${key}`;
  else if (base.username !== "" || base.password !== "") {
    const token = Buffer.from(`${base.username}:${base.password}`, "utf8").toString("base64");
    headers.authorization = `Basic ${token}`;
    secrets.push(token);
  }
  return { url, headers, redact: secretRedactor(secrets) };
}

/** Per-call limits of {@link complete}. */
export interface CompleteOptions {
  /** Largest response body read, in bytes (default 4 MiB); a larger one is `RESPONSE_TOO_LARGE`. */
  maxResponseBytes?: number;
}

/** Read a body up to `limit` bytes; past it, stop reading and throw `RESPONSE_TOO_LARGE`. */
async function readCapped(response: Response, limit: number, url: string): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  const tooLarge = () =>
    new RequestError("RESPONSE_TOO_LARGE", `${url} sent a body larger than ${limit} bytes`, false);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
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
  options: CompleteOptions = {},
): Promise<CachedResponse> {
  const api = endpoint.api ?? "completions";
  const { url, headers, redact } = endpointAuth(endpoint);
  const maxBytes = options.maxResponseBytes ?? limits.defaultResponseBytes;
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
      // Redact the whole body first: every later slice (an error snippet, the completion) is then clean.
      raw = redact(await readCapped(response, maxBytes, url));
    } catch (e) {
      if (e instanceof RequestError) throw e;
      if (signal?.aborted) throw new RequestError("ABORTED", "evaluation aborted", false);
      if (controller.signal.aborted)
        throw new RequestError("TIMEOUT", `no response from ${url} within ${timeoutMs} ms`, true);
      const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
      throw new RequestError("HTTP_ERROR", redact(`request to ${url} failed: ${cause}`), true);
    }
    if (!response.ok) {
      const retryable = response.status === 429 || response.status === 408 || response.status >= 500;
      throw new RequestError(
        "HTTP_ERROR",
        `${url} answered ${response.status}: ${raw.slice(0, 200)}`,
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
        `${url} sent a body that is not JSON: ${raw.slice(0, 80)}`,
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
    // JSON escapes (\u0073k-…) could hide a key from the raw-body pass: redact the decoded text too.
    return {
      text: redact(text),
      finishReason: typeof choice?.finish_reason === "string" ? redact(choice.finish_reason) : null,
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
