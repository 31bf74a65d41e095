// Two projects: `unit` (pure functions, no database) and `db` (real PostgreSQL, see
// app/_lib/testing/db-global-setup.ts). Unit tests are *.test.ts, database tests *.db.test.ts.
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests import server modules directly.
  "server-only": path.resolve(import.meta.dirname, "app/_lib/testing/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "app/**/*.test.tsx", "scripts/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["app/**/*.db.test.ts", "scripts/**/*.db.test.ts"],
          globalSetup: ["app/_lib/testing/db-global-setup.ts"],
          setupFiles: ["app/_lib/testing/db-setup.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
