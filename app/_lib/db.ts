// The one Prisma client. Password hashes are omitted from every query unless asked for.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/app/_generated/prisma/client";
import { getEnv } from "./env";

function createClient() {
  const adapter = new PrismaPg({ connectionString: getEnv().DATABASE_URL, max: 20 });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createClient>;
/** A transaction client (the `tx` of db.$transaction). */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { medrankDb?: Db };

/** Created on first use so that importing this module never needs a database. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    globalForDb.medrankDb ??= createClient();
    const value = Reflect.get(globalForDb.medrankDb, prop);
    return typeof value === "function" ? value.bind(globalForDb.medrankDb) : value;
  },
});
