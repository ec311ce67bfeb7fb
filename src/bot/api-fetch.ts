import type { Readable } from "node:stream";
import type { ApiClientOptions } from "grammy";
import { Agent, request, type Dispatcher } from "undici";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;
type FetchInit = NonNullable<Parameters<Fetch>[1]>;

/**
 * Keep-alive connections to the Bot API server. grammY times every call out itself and
 * aborts it through its signal, so undici's own timers, two per call, are left off: they
 * only added work for the garbage collector.
 */
const connections = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

/**
 * The HTTP client of every Bot API call: undici's `request()`, in place of grammY's default
 * node-fetch, which cost more CPU per call than answering the question (`npm run bench:bot`:
 * a third less CPU per update).
 *
 * grammY calls it with a URL, method, headers, a JSON text or multipart stream as body and
 * an abort signal, and reads only `json()` of the response, so that is all it returns.
 */
export const apiFetch = ((url: string, init: FetchInit = {}) =>
  request(url, {
    dispatcher: connections,
    method: (init.method ?? "GET") as Dispatcher.HttpMethod,
    headers: init.headers as Record<string, string> | undefined,
    body: init.body as string | Readable | undefined,
    signal: init.signal ?? undefined,
  }).then(({ statusCode, body }) => ({
    ok: statusCode >= 200 && statusCode < 300,
    status: statusCode,
    json: () => body.json(),
  }))) as unknown as Fetch; // the Response type grammY declares is node-fetch's; it uses only json()
