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
import { benchDatabase } from "./bench-database";
import { mulberry32 } from "../app/_lib/random/mulberry32";

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
  const rnd = mulberry32(seed);
  // mostly the same order with an occasional swap: closer to real annotators than uniform noise
  const ranks = [1, 2, 3, 4];
  if (rnd() < 0.4) {
    const i = Math.floor(rnd() * 3);
    [ranks[i], ranks[i + 1]] = [ranks[i + 1], ranks[i]];
  }
  return ranks;
}

async function main() {
  const db = await benchDatabase("bench-queue", 54349);
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

    // ── the run ──
    const nextTimes: number[] = [];
    const submitTimes: number[] = [];
    let conflicts = 0;
    const started = performance.now();
    await Promise.all(
      users.map(async (user, u) => {
        for (let round = 0; ; round++) {
          let t = performance.now();
          const { assignment } = await nextItem({ projectId: project.id, annotatorId: user.id });
          nextTimes.push(performance.now() - t);
          if (!assignment) return;
          t = performance.now();
          try {
            await submitRanking({
              assignmentId: assignment.id,
              annotatorId: user.id,
              body: { ranks: randomRanks(u * 100_003 + round), flags: {}, durationMs: 20_000 },
            });
          } catch (err) {
            conflicts++;
            if (conflicts < 5) console.error(err);
          }
          submitTimes.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // ── figures ──
    for (const [label, times] of [
      ["next item", nextTimes],
      ["submit", submitTimes],
    ] as const) {
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `${label.padEnd(10)} ${String(sorted.length).padStart(6)} calls  p50 ${ms(percentile(sorted, 50)).padStart(9)}  ` +
          `p99 ${ms(percentile(sorted, 99)).padStart(9)}  max ${ms(sorted[sorted.length - 1]).padStart(9)}`,
      );
    }
    console.log(`throughput ${(submitTimes.length / seconds).toFixed(0)} rankings/s (${submitTimes.length} rankings in ${seconds.toFixed(1)} s), ${conflicts} submit errors`);

    // ── invariants ──
    const [over] = await client.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT "itemId" FROM "Ranking" r JOIN "Item" i ON i.id = r."itemId"
        WHERE i."projectId" = ${project.id} GROUP BY "itemId" HAVING count(*) > ${PER_ITEM}) x`;
    const [twice] = await client.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "Ranking" r JOIN "Item" i ON i.id = r."itemId"
        WHERE i."projectId" = ${project.id} GROUP BY r."itemId", r."annotatorId" HAVING count(*) > 1) x`;
    const statuses = await client.item.groupBy({ by: ["status"], where: { projectId: project.id }, _count: { _all: true } });
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s._count._all]));
    console.log(`items: ${JSON.stringify(byStatus)}; items over N: ${over.n}; ranked twice by one person: ${twice.n}`);
    if (over.n > 0 || twice.n > 0 || byStatus.OPEN) {
      console.error("invariant violated");
      process.exitCode = 1;
    }
  } finally {
    await client.$disconnect();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
