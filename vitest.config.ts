import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Pinned so that anything cut by local time is the same on every machine.
    env: { TZ: "UTC" },
    testTimeout: 30_000,
    // Setups that build a warehouse or start a server: generous, so a loaded machine is slow rather than red.
    hookTimeout: 120_000,
  },
});
