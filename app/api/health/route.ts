// GET /api/health — public: is the app up, is the database up (with its latency). 200 when both
// are, 503 with Retry-After when the database is not. No secrets, nothing cached.
import { db } from "@/app/_lib/db";
import { DATABASE_RETRY_AFTER_S } from "@/app/_lib/errors";
import { healthChecker } from "@/app/_lib/health/check-health";

export const dynamic = "force-dynamic";

const check = healthChecker(() => db.$queryRaw`SELECT 1`);

export async function GET(): Promise<Response> {
  const health = await check();
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (health.status !== "ok") headers["Retry-After"] = String(DATABASE_RETRY_AFTER_S);
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers });
}
