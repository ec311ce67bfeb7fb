import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The CLI tests start real processes; give them room on a busy machine.
    testTimeout: 30_000,
  },
});
