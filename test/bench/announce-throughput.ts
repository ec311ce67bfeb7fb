/**
 * `npm run bench:announce`: an announcement to 1,000 groups through a local Bot API server
 * that enforces Telegram's limits (30 messages/s overall, 1/s per chat, 20/min per group:
 * 429 beyond them). Prints the wall time against the floor the limits set (1,000 / 30 s),
 * and the number of 429s the sender provoked.
 */
import { BotApiServer, TEST_TOKEN } from "../support/bot-api-server.js";
import { BotProcess } from "../support/bot-process.js";
import { buttonPress, olivia, privateChat, textUpdate } from "../support/updates.js";
import { Store } from "../../src/store/store.js";

const CHATS = 1_000;
const FLOOR_S = CHATS / 30;

const database = BotProcess.freshDatabase();
const store = new Store(database);
for (let i = 0; i < CHATS; i++) store.setChatStatus({ id: -1_000_000 - i, type: "supergroup", title: `Group ${i}` }, "member", false);
store.close();

const server = await new BotApiServer().start();
server.enforceLimits = true;
const bot = new BotProcess(
  { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, ADMIN_IDS: String(olivia.id), DATABASE_PATH: database },
  undefined,
  { logToFile: true },
);
await bot.waitForLog("bot started");

const delivered = new Set<number>();
let duplicates = 0;
let done!: () => void;
const finished = new Promise<void>((resolve) => (done = resolve));
server.onCall((call) => {
  const chat = Number(call.payload.chat_id);
  if (call.method !== "sendMessage" || chat > 0) return;
  // onCall sees the call before it is answered; its status is set in the same turn.
  queueMicrotask(() => {
    if (call.status !== 200) return;
    if (delivered.has(chat)) duplicates++;
    delivered.add(chat);
    if (delivered.size === CHATS) done();
  });
});

server.pushUpdate(textUpdate(privateChat(olivia), olivia, "/announce"));
const preview = await server.waitForCall("sendMessage", (c) => c.payload.reply_markup !== undefined);
const started = performance.now();
server.pushUpdate(buttonPress(olivia, preview.payload.reply_markup.inline_keyboard[0][0].callback_data));
await finished;
const seconds = (performance.now() - started) / 1000;

console.log(`delivered to ${delivered.size} of ${CHATS} groups in ${seconds.toFixed(1)} s`);
console.log(`floor set by the limits: ${FLOOR_S.toFixed(1)} s  →  ${(seconds / FLOOR_S).toFixed(3)}x the floor`);
console.log(`429s provoked: ${server.limitViolations}, duplicates: ${duplicates}`);
await bot.stop();
await server.close();
