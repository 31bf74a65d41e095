// Prisma 7 CLI configuration (used for `prisma generate`).
// The CLI wants a native schema engine before any command; generate does not use it,
// so point it at an existing file to stop the download attempt (none is possible offline).
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
