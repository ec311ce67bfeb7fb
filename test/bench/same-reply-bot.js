/**
 * The second baseline of `npm run bench:bot`: a bare grammY bot, run as the echo bot is,
 * that sends for each question the very message our bot sends for it (text, HTML, buttons,
 * as a reply), looked up in the file REPLIES_PATH names, over our bot's HTTP client
 * (src/bot/api-fetch.ts). It does none of our bot's work, so our bot's cost over it is what
 * answering costs. (The echo bot, grammY as it comes, sends the question, about a fifth of an
 * answer's length, over grammY's default client.)
 */
import { readFileSync } from "node:fs";
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";
import { apiFetch } from "../../dist/bot/api-fetch.js";

/** @type {Record<string, { text: string; parse_mode?: "HTML"; reply_markup?: unknown }>} */
const replies = JSON.parse(readFileSync(process.env.REPLIES_PATH, "utf8"));
const bot = new Bot(process.env.BOT_TOKEN, { client: { apiRoot: process.env.TELEGRAM_API_ROOT, fetch: apiFetch } });
bot.on("message:text", (ctx) => {
  const { text, ...options } = replies[ctx.msg.text] ?? { text: ctx.msg.text };
  return ctx.reply(text, { ...options, reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } });
});
await bot.init();
const handle = run(bot);
process.stderr.write(`${JSON.stringify({ message: "bot started" })}\n`);
process.on("SIGTERM", () => void handle.stop().then(() => process.exit(0)));
