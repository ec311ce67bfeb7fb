import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The bot under test runs as `npm start` runs it: compiled, from dist/ (built once here).
    globalSetup: ["test/support/build.ts"],
    // The CLI tests start real processes; give them room on a busy machine.
    testTimeout: 30_000,
  },
});
