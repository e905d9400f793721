import { defineConfig } from "@playwright/test";
import { E2E_CLOCK_START, E2E_DEMO_TODAY } from "./tests/e2e/clock";
import { E2E_CTI_SECRET, E2E_SMTP_PORT } from "./tests/e2e/service-env";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = ".data/e2e";


export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two cores: one browser at a time keeps the server responsive and the timings honest.
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: this machine cannot download Playwright's own browser build.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // The production build against its own fresh embedded database; its first start seeds and scores
    // a small demo company around the run's fixed day (SUMMIT_DEMO_TODAY), whatever the machine's date.
    command: `rm -rf ${DATA_DIR} ${DATA_DIR}.lock && npx next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      SUMMIT_DATA_DIR: DATA_DIR,
      SUMMIT_DEMO_CUSTOMERS: "400",
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      // The server's clock starts at the run's fixed instant and runs on from there; the demo company
      // is generated around that day. The browser's clock starts there too (tests/e2e/fixtures.ts).
      SUMMIT_CLOCK_START: E2E_CLOCK_START,
      SUMMIT_DEMO_TODAY: E2E_DEMO_TODAY,
      // Real SMTP to the receiver the service test starts (mail sent while none listens is retried).
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      SMTP_FROM: "Summit Service <service@summit.test>",
      CTI_SECRET: E2E_CTI_SECRET,
      // The test signs telephony events with the browser's clock, which starts at the run's instant
      // when the test starts, while the server's started there when the server did (minutes earlier).
      WEBHOOK_TOLERANCE_SECONDS: "3600",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
