/**
 * The baseline for `npm run bench:bot`: a bare grammY echo bot, run the same way as ours
 * (plain JavaScript on node with the options of `npm start`, long polling with
 * @grammyjs/runner, against TELEGRAM_API_ROOT).
 */
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";

const bot = new Bot(process.env.BOT_TOKEN, { client: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.on("message:text", (ctx) => ctx.reply(ctx.msg.text));
await bot.init();
const handle = run(bot);
process.stderr.write(`${JSON.stringify({ message: "bot started" })}\n`);
process.on("SIGTERM", () => void handle.stop().then(() => process.exit(0)));
