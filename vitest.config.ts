import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { TEST_CLOCK_START } from "./tests/support/clock";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside a React Server Component bundle; tests run the DAL directly.
      "server-only": fileURLToPath(new URL("./tests/support/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // The app's clock starts at a fixed instant in every test file (and runs on from there): results
    // never depend on when the suite runs. Tests that need an exact instant use fixClock.
    env: { SUMMIT_CLOCK_START: TEST_CLOCK_START },
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: PGlite instances are CPU-heavy, so integration files run two at a time at most.
    maxWorkers: 2,
  },
});
