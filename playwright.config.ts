// Browser tests: Debian's Chromium against the real server and a real (embedded) PostgreSQL.
import { defineConfig } from "@playwright/test";
import { e2e } from "./e2e/settings";

// Fixtures call the app's seed factories, which import server-only modules: the test
// process must resolve them as the server does (`npm run test:e2e` sets this).
if (!process.execArgv.join(" ").includes("react-server") && !(process.env.NODE_OPTIONS ?? "").includes("react-server")) {
  throw new Error("Run the browser tests with `npm run test:e2e` (it sets NODE_OPTIONS=--conditions=react-server)");
}
process.env.DATABASE_URL = e2e.databaseUrl;
process.env.NEXTAUTH_SECRET = e2e.serverEnv.NEXTAUTH_SECRET;
process.env.MEDRANK_BCRYPT_COST = e2e.serverEnv.MEDRANK_BCRYPT_COST;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: e2e.baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${e2e.baseURL}/login`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    env: { ...e2e.serverEnv },
    stdout: "pipe",
    // SIGTERM, not Playwright's default SIGKILL: the server script stops Next.js, then the embedded database, cleanly
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});
