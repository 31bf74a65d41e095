// Runs once when the server starts (Next.js instrumentation): starts the reward-model background
// work (app/_lib/reward-models/rm-worker.ts) in the Node.js runtime — not while `next build`
// prerenders pages, which needs no background work (nor, perhaps, a database).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startRmWorker } = await import("./app/_lib/reward-models/rm-worker");
  startRmWorker();
}
