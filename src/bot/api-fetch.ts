import type { Readable } from "node:stream";
import type { ApiClientOptions } from "grammy";
import { Agent, type Dispatcher } from "undici";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;
type FetchInit = NonNullable<Parameters<Fetch>[1]>;

/**
 * Keep-alive connections to the Bot API server. grammY times every call out itself and
 * aborts it through its signal, so undici's own timers, two per call, are left off: they
 * only added work for the garbage collector.
 */
const connections = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

/**
 * The HTTP client of every Bot API call: undici, in place of grammY's default node-fetch,
 * which cost more CPU per call than answering the question (`npm run bench:bot`: the
 * same-reply bot, on this client, uses about 40% less CPU per update than the echo bot).
 *
 * grammY calls it with a URL, method, headers, a JSON text or multipart stream as body and
 * an abort signal, and reads only `json()` of the response, so that is all it returns.
 */
/**
 * An error status's body as Telegram's error answer. A proxy in front of the Bot API answers
 * in HTML ("502 Bad Gateway"): that is still a definite answer (not delivered), and it must
 * reach the caller as an error with its status, not as a request that got no answer.
 */
function errorAnswer(status: number, text: string): unknown {
  try {
    const answer: unknown = JSON.parse(text);
    if (typeof answer === "object" && answer !== null && "ok" in answer) return answer;
  } catch {
    // not JSON: described below
  }
  // An error page may echo the request's URL, and with it the token ("/bot<token>/"): cut out.
  const excerpt = text.replace(/<[^>]*>/g, " ").replace(/bot\d+:[\w-]+/g, "bot…").replace(/\s+/g, " ").trim().slice(0, 80);
  return { ok: false, error_code: status, description: `HTTP ${status}, not a Bot API answer${excerpt ? ` (${excerpt})` : ""}` };
}

export const apiFetch = ((url: string, init: FetchInit = {}) => {
  // grammY's URLs are `${apiRoot}/bot${token}/${method}`, apiRoot an absolute http(s) URL:
  // split where the path starts, rather than parse each one into a URL object (which cost
  // a seventh of the bot's CPU per update).
  const pathStart = url.indexOf("/", url.indexOf("//") + 2);
  return connections
    .request({
      origin: url.slice(0, pathStart),
      path: url.slice(pathStart),
      method: (init.method ?? "GET") as Dispatcher.HttpMethod,
      headers: init.headers as Record<string, string> | undefined,
      body: init.body as string | Readable | undefined,
      signal: init.signal ?? undefined,
    })
    .then(({ statusCode, body }) => ({
      ok: statusCode >= 200 && statusCode < 300,
      status: statusCode,
      json: () => (statusCode < 400 ? body.json() : body.text().then((text) => errorAnswer(statusCode, text))),
    }));
}) as unknown as Fetch; // the Response type grammY declares is node-fetch's; it uses only json()
