import { TaskError } from "../errors.js";
import { REDACTED } from "./redact.js";

/** A base URL split into the part that may be shown and the credentials that may not. */
export interface EndpointUrl {
  /** The base URL without `user:password@`, safe to print, log and write to disk. */
  readonly url: string;
  /** The user name from the URL, decoded (`""` when none). */
  readonly username: string;
  /** The password from the URL, decoded (`""` when none). */
  readonly password: string;
}

/**
 * Split `http://user:KEY@host/v1` into a credential-free URL and its credentials. `fetch` refuses
 * URLs with credentials, and writing them into `summary.json` or a log would leak the key; the
 * runner sends them as an HTTP Basic `Authorization` header instead (unless an API key is set).
 *
 * @example
 * ```ts
 * splitCredentials("http://me:s3cret@127.0.0.1:8080/v1");
 * // { url: "http://127.0.0.1:8080/v1", username: "me", password: "s3cret" }
 * ```
 */
export function splitCredentials(baseURL: string): EndpointUrl {
  let parsed: URL;
  try {
    parsed = new URL(baseURL);
  } catch {
    // Never echo the text: it may be a URL with credentials and one typo.
    throw new TaskError("INVALID_ARGUMENT", "baseURL is not a valid URL (http:// or https://)");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TaskError("INVALID_ARGUMENT", `baseURL must be http:// or https://, got ${parsed.protocol}`);
  }
  const username = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  parsed.username = "";
  parsed.password = "";
  return { url: parsed.toString().replace(/\/+$/, ""), username, password };
}

/**
 * The URL as it may be shown: credentials replaced by `[redacted]`. Text that does not parse as a URL
 * is replaced entirely, since it cannot be checked.
 *
 * @example
 * ```ts
 * redactUrl("http://me:s3cret@host/v1"); // "http://[redacted]@host/v1"
 * ```
 */
export function redactUrl(baseURL: string): string {
  try {
    const parsed = new URL(baseURL);
    if (parsed.username === "" && parsed.password === "") return baseURL;
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace("://", `://${REDACTED}@`);
  } catch {
    return REDACTED;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
