// The real browser-test config pointed at the failing-on-purpose fixture. The fixture needs
// neither a page nor the app, so no server is started (webServer is dropped).
import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

export default defineConfig({
  ...base,
  testDir: path.join(import.meta.dirname, "fixtures"),
  testMatch: "*.e2e-fixture.ts",
  outputDir: path.join(import.meta.dirname, "test-results"),
  webServer: undefined,
});
