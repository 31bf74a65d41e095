// Prisma 6.19 CLI configuration, used only to diff and apply migrations.
// Prisma 7's CLI needs a native schema engine that cannot be installed offline;
// the 6.19 CLI runs its Wasm engine ("js") through the pg driver adapter instead.
// It reads a copy of schema.prisma with a `url` in the datasource block, written by
// scripts/db/prisma6.ts before every call.
import { defineConfig } from "prisma6/config";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.MEDRANK_PRISMA6_SCHEMA ?? "schema.prisma",
  migrations: { path: "migrations" }, // relative to this file
  adapter: async () => {
    if (!url) throw new Error("DATABASE_URL is not set");
    const u = new URL(url);
    return new PrismaPg({
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: u.pathname.slice(1),
    });
  },
});
