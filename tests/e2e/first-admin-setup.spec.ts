import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { E2E_CLOCK_START } from "./clock";
import { acceptConsoleErrors, expect, test } from "./fixtures";

// A second production server on its own empty database, started without demo data: what a real
// deployment's first start looks like.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DATA_DIR = ".data/e2e-setup";
const PASSWORD = "a long walk on the great wall";

let server: ChildProcess | undefined;
let output = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync(`${DATA_DIR}.lock`, { force: true });
  server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    // Its own process group, so stopping it stops next-server too.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SUMMIT_DATA_DIR: DATA_DIR, SUMMIT_DEMO_DATA: "off", NEXTAUTH_URL: ORIGIN, SUMMIT_CLOCK_START: E2E_CLOCK_START },
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => output, { timeout: 110_000, intervals: [250] }).toMatch(/setup\?token=\S+/);
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

test("an empty server prints a one-time setup link; the first admin chooses a password, and /setup is gone", async ({ page, consoleErrors }) => {
  const link = /create the first admin at (\S+)/.exec(output)?.[1];
  expect(link).toMatch(new RegExp(`^${ORIGIN}/setup\\?token=[A-Za-z0-9_-]{43}$`));
  expect(output).not.toContain("demo company");

  // A guessed token finds nothing.
  expect((await page.goto(`${ORIGIN}/setup?token=guess`))?.status()).toBe(404);
  await acceptConsoleErrors(page, consoleErrors, /status of 404.* \/setup$/);

  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "Create the first administrator" })).toBeVisible();
  await expect(page.getByTestId("demo-banner")).toHaveCount(0);
  await page.getByLabel("Your name").fill("Grace Root");
  await page.getByLabel("Email").fill("grace@example.com");
  await page.getByLabel("Password", { exact: true }).fill("Summit-demo-2026");
  await page.getByLabel("Repeat the password").fill("Summit-demo-2026");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("This password is among the first ones guessed: choose another.")).toBeVisible();
  // What was typed, except the passwords, survives the refusal.
  await expect(page.getByLabel("Email")).toHaveValue("grace@example.com");

  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await page.waitForURL(`${ORIGIN}/login?setup=done`);
  await expect(page.getByText("The administrator was created.")).toBeVisible();

  await page.getByLabel("Email").fill("grace@example.com");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.origin === ORIGIN && !url.pathname.startsWith("/login"));
  await expect(page.getByRole("heading", { name: "Welcome, Grace Root" })).toBeVisible();
  await expect(page.getByTestId("demo-banner")).toHaveCount(0);

  // The link was single-use: now it is a page that does not exist.
  expect((await page.goto(link!))?.status()).toBe(404);
  await acceptConsoleErrors(page, consoleErrors, /status of 404.* \/setup$/);
});
