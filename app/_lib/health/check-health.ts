// Whether the app and its database are up, for load balancers, supervisors and operators. It says
// nothing else (no versions, no hosts, no error text): the answer is public.
import "server-only";

export type Health = {
  status: "ok" | "unavailable";
  app: "up";
  database: { status: "up" | "down"; latencyMs: number };
};

/** Longest wait for the database before it counts as down. */
export const HEALTH_DB_TIMEOUT_MS = 3_000;
/** The first check of a process also loads the database client and opens its first connection. */
export const HEALTH_FIRST_TIMEOUT_MS = 10_000;

export async function checkHealth(opts: { ping: () => Promise<unknown>; timeoutMs?: number; now?: () => number }): Promise<Health> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database health check timed out")), opts.timeoutMs ?? HEALTH_DB_TIMEOUT_MS);
  });
  let up: boolean;
  try {
    await Promise.race([opts.ping(), timeout]);
    up = true;
  } catch {
    up = false;
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = Math.round(now() - started);
  return { status: up ? "ok" : "unavailable", app: "up", database: { status: up ? "up" : "down", latencyMs } };
}

/**
 * checkHealth with the longer first wait until the database has answered once, so that a cold
 * start of the app is not reported as a database outage.
 */
export function healthChecker(ping: () => Promise<unknown>, timeouts = { first: HEALTH_FIRST_TIMEOUT_MS, warm: HEALTH_DB_TIMEOUT_MS }) {
  let warm = false;
  return async (): Promise<Health> => {
    const health = await checkHealth({ ping, timeoutMs: warm ? timeouts.warm : timeouts.first });
    if (health.database.status === "up") warm = true;
    return health;
  };
}
