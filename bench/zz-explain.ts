// Queue benchmark (prints figures; not a test):
//   npm run bench:queue
//   npm run bench:queue -- --items 3000 --annotators 50 --per-item 2
// 50 simulated annotators work through a project of a few thousand items at once, each
// looping "next item → submit a ranking" with no think time, until the queue is empty.
// It calls the domain functions directly (nextItem, submitRanking — the code behind
// POST /api/projects/[projectId]/queue/next and POST /api/assignments/[id]/ranking), so the
// figures are the database work and the locking, without HTTP, sessions or JSON.
// Runs against its own embedded PostgreSQL (port MEDRANK_BENCH_PG_PORT, default 54349; data in
// .medrank/bench-queue, wiped each run) or the server in DATABASE_URL.
// At the end it checks the invariants: no item has more than N rankings, nobody ranked an item
// twice, every item is settled (FINAL or ADJUDICATION).
import path from "node:path";
import { prepareDatabase } from "../scripts/db/prepare";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ITEMS = arg("items", 3000);
const ANNOTATORS = arg("annotators", 50);
const PER_ITEM = arg("per-item", 2);
const K = 4;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** A seeded shuffle, so two annotators sometimes agree (FINAL) and sometimes do not (ADJUDICATION). */
function randomRanks(seed: number): number[] {
  // mulberry32: well mixed even for small, consecutive seeds
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // mostly the same order with an occasional swap: closer to real annotators than uniform noise
  const ranks = [1, 2, 3, 4];
  if (rnd() < 0.4) {
    const i = Math.floor(rnd() * 3);
    [ranks[i], ranks[i + 1]] = [ranks[i + 1], ranks[i]];
  }
  return ranks;
}

async function main() {
  const db = await prepareDatabase({
    dataDir: path.join(root, ".medrank/bench-queue"),
    pgPort: Number(process.env.MEDRANK_BENCH_PG_PORT ?? 54349),
    database: "medrank_bench_queue",
    fresh: true,
  });
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef";
  // imported after DATABASE_URL is set: the app's env is read on first use
  const { db: client } = await import("../app/_lib/db");
  const { nextItem } = await import("../app/_lib/assignment/next-item");
  const { submitRanking } = await import("../app/_lib/assignment/submit-ranking");

  try {
    // ── a project of ITEMS open items, written in bulk ──
    const seedStarted = performance.now();
    const tag = Date.now().toString(36);
    const project = await client.project.create({ data: { name: `bench queue ${tag}`, k: K, annotatorsPerItem: PER_ITEM } });
    const BATCH = 1000;
    for (let from = 0; from < ITEMS; from += BATCH) {
      const n = Math.min(BATCH, ITEMS - from);
      const ids = Array.from({ length: n }, (_, i) => `${tag}-${from + i}`);
      const prompt = (i: number) => [{ role: "user", content: `医生您好，我咳嗽发热三天了（${i}），需要吃什么药？` }];
      await client.dialogue.createMany({
        data: ids.map((id, i) => ({ id: `d-${id}`, projectId: project.id, externalId: id, department: "内科", messages: prompt(from + i) })),
      });
      await client.item.createMany({
        data: ids.map((id, i) => ({
          id: `i-${id}`,
          projectId: project.id,
          dialogueId: `d-${id}`,
          turnIndex: 0,
          prompt: prompt(from + i),
          status: "OPEN" as const,
          createdAt: new Date(Date.UTC(2026, 0, 1) + from + i),
        })),
      });
      await client.candidate.createMany({
        data: ids.flatMap((id) =>
          Array.from({ length: K }, (_, position) => ({ itemId: `i-${id}`, position, text: `候选回答 ${position + 1}：多喝水，注意休息。`, source: "bench" })),
        ),
      });
    }
    const users = Array.from({ length: ANNOTATORS }, (_, i) => ({ id: `u-${tag}-${i}`, email: `bench-${tag}-${i}@bench.local`, name: `标注员 ${i}`, roles: ["ANNOTATOR" as const] }));
    await client.user.createMany({ data: users });
    console.log(
      `node ${process.version}, PostgreSQL ${db.embedded ? "embedded" : "from DATABASE_URL"}; ${ITEMS} items × K=${K}, N=${PER_ITEM} per item, ` +
        `${ANNOTATORS} concurrent annotators; seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const { nextItem: ni } = await import("../app/_lib/assignment/next-item");
    for (const u of users.slice(0, 10)) await ni({ projectId: project.id, annotatorId: u.id });
    const now = new Date().toISOString();
    const me = users[20].id;
    const plan = await client.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ANALYZE SELECT i.id FROM "Item" i
          WHERE i."projectId" = '${project.id}' AND i.status = 'OPEN'
            AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."itemId" = i.id AND mine."annotatorId" = '${me}')
            AND (SELECT count(*) FROM "Assignment" a WHERE a."itemId" = i.id
                   AND (a.status = 'SUBMITTED' OR (a.status = 'ACTIVE' AND a."leaseExpiresAt" > '${now}'::timestamp))) < 2
          ORDER BY i."rankingCount" DESC, i."createdAt", i.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED`);
    console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
    for (let r = 0; r < 3; r++) { const t = performance.now(); await ni({ projectId: project.id, annotatorId: users[30 + r].id }); console.log("nextItem alone", (performance.now() - t).toFixed(1), "ms"); }
    const { submitRanking: sr } = await import("../app/_lib/assignment/submit-ranking");
    const a = await client.assignment.findFirstOrThrow({ where: { annotatorId: users[30].id } });
    let t = performance.now(); await sr({ assignmentId: a.id, annotatorId: users[30].id, body: { ranks: [1,2,3,4], flags: {}, durationMs: 1 } }); console.log("submit alone", (performance.now() - t).toFixed(1), "ms");
  } finally {
    await client.$disconnect();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
