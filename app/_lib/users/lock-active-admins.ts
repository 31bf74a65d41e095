// Row-locks the active admins inside a transaction, so that two admins demoting each
// other at the same moment cannot both pass the last-admin check.
import "server-only";
import type { Tx } from "@/app/_lib/db";

export async function lockActiveAdminIds(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE active AND 'ADMIN'::"Role" = ANY(roles) ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}
