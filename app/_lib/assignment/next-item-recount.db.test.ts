// The re-count under the lock in next-item.ts, forced deterministically: a slot of the picked
// item is taken by another transaction that commits after the pick's snapshot was taken and
// before the re-count. The pick's count is then stale; only the re-count stops a third lease.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, type Db, type Tx } from "../db";
import { createItems, createProject, createUser } from "../testing/factories";
import { nextItem } from "./next-item";

const minutes = (base: Date, m: number) => new Date(base.getTime() + m * 60_000);

/** The real Prisma client behind the lazy `db` proxy. */
function realClient(): Db {
  void db.$connect; // creates the client on first use
  return (globalThis as unknown as { medrankDb: Db }).medrankDb;
}

/**
 * Runs `between` once, on another connection, right after next-item's first pick (the item
 * query ending `FOR UPDATE OF i SKIP LOCKED`) returns — before the transaction's next statement.
 * Returns the ids that pick chose.
 */
function interleaveAfterPick(between: () => Promise<void>): { picked: () => string[] } {
  let picked: string[] | null = null;
  const client = realClient();
  const original = client.$transaction.bind(client) as (fn: (tx: Tx) => Promise<unknown>, opts?: unknown) => Promise<unknown>;
  vi.spyOn(client, "$transaction").mockImplementation(((fn: (tx: Tx) => Promise<unknown>, opts?: unknown) =>
    original((tx) => {
      const queryRaw = async (strings: TemplateStringsArray, ...values: unknown[]) => {
        const rows = await tx.$queryRaw<{ id: string }[]>(strings, ...values);
        if (picked === null && strings.join("?").includes("FOR UPDATE OF i SKIP LOCKED")) {
          picked = rows.map((row) => row.id);
          await between();
        }
        return rows;
      };
      return fn(new Proxy(tx, { get: (target, key) => (key === "$queryRaw" ? queryRaw : Reflect.get(target, key)) }));
    }, opts)) as never);
  return { picked: () => picked ?? [] };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("next item: the re-count under the lock", () => {
  it("sends the annotator to the next item when a slot of the picked one was taken after the pick's snapshot", async () => {
    const project = await createProject({ annotatorsPerItem: 2, leaseMinutes: 30 });
    const [older, newer] = await createItems(project.id, { count: 2 });
    const [first, late, asking] = await Promise.all([1, 2, 3].map(() => createUser({ roles: ["ANNOTATOR"] })));
    const now = new Date();
    // `older` has one live lease and one lapsed one: one free slot, so the pick chooses it.
    await db.assignment.create({ data: { itemId: older, annotatorId: first.id, displayOrder: [0, 1, 2, 3], leaseExpiresAt: minutes(now, 20), createdAt: minutes(now, -10) } });
    const lapsed = await db.assignment.create({
      data: { itemId: older, annotatorId: late.id, displayOrder: [0, 1, 2, 3], status: "EXPIRED", leaseExpiresAt: minutes(now, -5), createdAt: minutes(now, -35) },
    });

    // Between the pick and the re-count, another transaction makes the lapsed assignment occupy
    // its slot again (an update of the assignment row: it does not wait for the item's row lock).
    const interleaving = interleaveAfterPick(async () => {
      await db.assignment.update({ where: { id: lapsed.id }, data: { status: "ACTIVE", leaseExpiresAt: minutes(now, 30) } });
    });
    const { assignment } = await nextItem({ projectId: project.id, annotatorId: asking.id, now });

    // the pick chose the item with a free slot; by the re-count that slot was gone
    expect(interleaving.picked()).toEqual([older]);
    expect(assignment?.item.id).toBe(newer);
    const occupying = await db.assignment.count({ where: { itemId: older, status: "ACTIVE", leaseExpiresAt: { gt: now } } });
    expect(occupying).toBe(2);
  });
});
