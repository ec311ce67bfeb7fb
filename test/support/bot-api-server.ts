import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Message, Update, UserFromGetMe } from "grammy/types";

/** One Bot API call the bot made, as the server received it. */
export interface RecordedCall {
  method: string;
  payload: Record<string, any>; // `any`: payloads are arbitrary JSON; tests read the fields they check
  /** performance.now() when the request arrived. */
  at: number;
  /** The HTTP status it was answered with, once answered. */
  status?: number;
  /** What a successful call returned (the sent message, for sendMessage). */
  result?: any; // `any`: as the payload
}

export interface InjectedError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

type PayloadTest = (payload: Record<string, any>) => boolean;

/** One-shot rules per method: the next call whose payload passes a rule's test takes (and uses up) its value. */
class Rules<T> {
  private readonly byMethod = new Map<string, Array<{ when: PayloadTest; value: T }>>();

  add(method: string, when: PayloadTest, value: T, times = 1): void {
    const list = this.byMethod.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push({ when, value });
    this.byMethod.set(method, list);
  }

  take(method: string, payload: Record<string, any>): T | undefined {
    const list = this.byMethod.get(method) ?? [];
    const index = list.findIndex((rule) => rule.when(payload));
    return index < 0 ? undefined : list.splice(index, 1)[0]!.value;
  }
}

/** Telegram's sending limits, enforced by the server when asked (benchmarks): 429 beyond them. */
const LIMITS = { perSecond: 30, perChatMs: 1000, perGroupPerMinute: 20 };

export const TEST_TOKEN = "4242:TEST-token_for_the_local_Bot_API_server";

/**
 * A small Bot API server on 127.0.0.1 for end-to-end tests: the real bot talks HTTP to it
 * (TELEGRAM_API_ROOT). It queues updates for getUpdates (long polling), answers the methods
 * the bot calls, records every call, and can be told to fail the next calls of a method.
 */
export class BotApiServer {
  readonly calls: RecordedCall[] = [];
  readonly botInfo: UserFromGetMe = {
    id: 424242,
    is_bot: true,
    first_name: "Article Bot",
    username: "article_test_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
  } as UserFromGetMe;
  /** When each update was handed to the bot by getUpdates (performance.now()). */
  readonly deliveredAt = new Map<number, number>();
  private readonly queue: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private readonly pollers = new Set<() => void>();
  private readonly callWaiters = new Set<() => void>();
  private readonly listeners = new Set<(call: RecordedCall) => void>();
  private readonly failures = new Rules<InjectedError>();
  private readonly lostAnswers = new Rules<true>();
  private readonly rawAnswers = new Rules<{ status: number; body: string }>();
  /** The bot's descriptions: "long:" or "short:" and the language code ("" by default) → text. */
  private readonly descriptions = new Map<string, string>();
  /** getChatMember answers: "chat:user" → status (default "member"). */
  private readonly members = new Map<string, string>();
  /** sendMessage arrival times, for enforcing the limits. */
  private readonly sends: number[] = [];
  private readonly sendsByChat = new Map<number, number[]>();
  /** 429s answered because a limit was exceeded (with `enforceLimits`). */
  limitViolations = 0;
  /** Answer 429 to sendMessage calls beyond Telegram's limits. */
  enforceLimits = false;
  private readonly delays = new Rules<number>();
  private server?: Server;

  /**
   * @param recording keep every call in `calls` (tests); a benchmark listens with onCall
   *   instead, so memory stays flat over many thousand calls.
   */
  constructor(
    private readonly token = TEST_TOKEN,
    private readonly recording = true,
  ) {}

  /** The value for TELEGRAM_API_ROOT. */
  get apiRoot(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error("server not started");
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Node closes a connection idle for 5 s, racing a client that reuses it ("socket hang up");
    // a benchmark leaves one bot idle while the other runs. Telegram keeps them open longer.
    this.server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async close(): Promise<void> {
    for (const wake of this.pollers) wake();
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** Queues an update for the bot; returns its update_id. */
  pushUpdate(update: Omit<Update, "update_id">): number {
    const updateId = this.nextUpdateId++;
    this.queue.push({ update_id: updateId, ...update } as Update);
    for (const wake of this.pollers) wake();
    return updateId;
  }

  /** The next `times` calls of `method` fail with `error` (e.g. a 429 with retry_after). */
  failNext(method: string, error: InjectedError, times = 1): void {
    this.failWhen(method, () => true, error, times);
  }

  /** The next `times` calls of `method` whose payload satisfies `when` fail with `error`. */
  failWhen(method: string, when: PayloadTest, error: InjectedError, times = 1): void {
    this.failures.add(method, when, error, times);
  }

  /**
   * The next call of `method` whose payload satisfies `when` is carried out, but its answer
   * is lost: the connection is cut before it (the bot cannot know the message was sent).
   */
  loseAnswerWhen(method: string, when: PayloadTest): void {
    this.lostAnswers.add(method, when, true);
  }

  /**
   * The next `times` calls of `method` whose payload satisfies `when` are answered with
   * `status` and `body` as they are, not a Bot API answer: a proxy's HTML error page.
   */
  answerRawWhen(method: string, when: PayloadTest, status: number, body: string, times = 1): void {
    this.rawAnswers.add(method, when, { status, body }, times);
  }

  /** What getChatMember says of `userId` in `chatId`. */
  setMember(chatId: number, userId: number, status: "creator" | "administrator" | "member" | "left" | "kicked"): void {
    this.members.set(`${chatId}:${userId}`, status);
  }

  /** Successful sendMessage calls to `chatId`. */
  delivered(chatId: number): RecordedCall[] {
    return this.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && Number(c.payload.chat_id) === chatId);
  }

  /** Calls `listener` with every call as it arrives; returns a function that stops it. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next `times` calls of `method` are answered only after `ms` milliseconds. */
  delayNext(method: string, ms: number, times = 1): void {
    this.delayWhen(method, () => true, ms, times);
  }

  /** The next `times` calls of `method` whose payload satisfies `when` are answered only after `ms` milliseconds. */
  delayWhen(method: string, when: PayloadTest, ms: number, times = 1): void {
    this.delays.add(method, when, ms, times);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call (already made or still to come) matching `predicate`. */
  waitForCall(method: string, predicate: (call: RecordedCall) => boolean = () => true, timeoutMs = 10_000): Promise<RecordedCall> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.calls.find((c) => c.method === method && predicate(c));
        if (!found) return false;
        this.callWaiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.callWaiters.delete(check);
        reject(new Error(`no ${method} call matching within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(", ")}`));
      }, timeoutMs);
      if (!check()) this.callWaiters.add(check);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    const body = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== this.token) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const call: RecordedCall = { method, payload, at: performance.now() };
    if (this.recording) this.calls.push(call);
    for (const check of [...this.callWaiters]) check();
    for (const listener of this.listeners) listener(call);

    const delay = this.delays.take(method, payload);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (this.lostAnswers.take(method, payload)) {
      call.status = 200;
      return void req.socket.destroy();
    }
    const raw = this.rawAnswers.take(method, payload);
    if (raw) {
      call.status = raw.status;
      return void res.writeHead(raw.status, { "content-type": "text/html" }).end(raw.body);
    }
    const error = this.failures.take(method, payload);
    if (error) {
      call.status = error.error_code;
      return send(res, error.error_code, { ok: false, ...error });
    }
    if (method === "sendMessage" && this.enforceLimits && !this.withinLimits(Number(payload.chat_id), call.at)) {
      this.limitViolations++;
      call.status = 429;
      return send(res, 429, { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    }
    if (method === "getUpdates") return this.getUpdates(payload, res);
    const result = this.result(method, payload);
    if (result === undefined) return send(res, 404, { ok: false, error_code: 404, description: `Not Found: method ${method} not found` });
    call.status = 200;
    call.result = result;
    send(res, 200, { ok: true, result });
  }

  /** Notes a sendMessage at `now`; false if it exceeds a limit (as Telegram would answer 429). */
  private withinLimits(chatId: number, now: number): boolean {
    while (this.sends.length && this.sends[0]! <= now - 1000) this.sends.shift();
    const chat = (this.sendsByChat.get(chatId) ?? []).filter((t) => t > now - 60_000);
    const lastToChat = chat[chat.length - 1] ?? -Infinity;
    const ok =
      this.sends.length < LIMITS.perSecond && now - lastToChat >= LIMITS.perChatMs && (chatId > 0 || chat.length < LIMITS.perGroupPerMinute);
    if (ok) {
      this.sends.push(now);
      chat.push(now);
    }
    this.sendsByChat.set(chatId, chat);
    return ok;
  }

  private result(method: string, payload: Record<string, any>): unknown {
    switch (method) {
      case "getChatMember":
        return { status: this.members.get(`${payload.chat_id}:${payload.user_id}`) ?? "member", user: { id: payload.user_id, is_bot: false, first_name: "user" } };
      case "getMe":
        return this.botInfo;
      // The descriptions are kept per language, as Telegram keeps them.
      case "getMyDescription":
        return { description: this.descriptions.get(`long:${payload.language_code ?? ""}`) ?? "" };
      case "getMyShortDescription":
        return { short_description: this.descriptions.get(`short:${payload.language_code ?? ""}`) ?? "" };
      case "setMyDescription":
        this.descriptions.set(`long:${payload.language_code ?? ""}`, payload.description);
        return true;
      case "setMyShortDescription":
        this.descriptions.set(`short:${payload.language_code ?? ""}`, payload.short_description);
        return true;
      case "sendMessage":
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: Number(payload.chat_id) > 0 ? { id: payload.chat_id, type: "private", first_name: "user" } : { id: payload.chat_id, type: "supergroup", title: "group" },
          from: this.botInfo,
          text: payload.text,
        } satisfies Message;
      case "editMessageText":
      case "setMyCommands":
      case "deleteMyCommands":
      case "setWebhook":
      case "deleteWebhook":
      case "answerCallbackQuery":
      case "answerInlineQuery":
      case "sendChatAction":
        return true;
      default:
        return undefined;
    }
  }

  /** Long polling: answers at once if updates are waiting, else when one arrives or the timeout passes. */
  private getUpdates(payload: Record<string, any>, res: ServerResponse): void {
    const offset = Number(payload.offset ?? 0);
    const limit = Number(payload.limit ?? 100);
    // Confirmed updates (below offset) are gone for good, as with Telegram.
    while (this.queue.length && this.queue[0]!.update_id < offset) this.queue.shift();
    const reply = () => {
      this.pollers.delete(reply);
      clearTimeout(timer);
      const updates = this.queue.slice(0, limit);
      const now = performance.now();
      for (const u of updates) if (!this.deliveredAt.has(u.update_id)) this.deliveredAt.set(u.update_id, now);
      if (!res.writableEnded) send(res, 200, { ok: true, result: updates });
    };
    const timer = setTimeout(reply, Math.min(Number(payload.timeout ?? 0), 30) * 1000);
    if (this.queue.length) return reply();
    this.pollers.add(reply);
    res.on("close", () => {
      this.pollers.delete(reply);
      clearTimeout(timer);
    });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
