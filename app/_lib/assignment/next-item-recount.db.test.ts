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
 * Runs `between` once, on another connection, right after the first `FOR UPDATE … SKIP LOCKED`
 * pick inside a db.$transaction returns — before the transaction's next statement.
 */
function interleaveAfterPick(between: () => Promise<void>): { fired: () => number } {
  let fired = 0;
  const client = realClient();
  const original = client.$transaction.bind(client) as (fn: (tx: Tx) => Promise<unknown>, opts?: unknown) => Promise<unknown>;
  vi.spyOn(client, "$transaction").mockImplementation(((fn: (tx: Tx) => Promise<unknown>, opts?: unknown) =>
    original((tx) => {
      const queryRaw = async (strings: TemplateStringsArray, ...values: unknown[]) => {
        const rows = await tx.$queryRaw(strings, ...values);
        if (fired === 0 && strings.join("?").includes("SKIP LOCKED")) {
          fired++;
          await between();
        }
        return rows;
      };
      return fn(new Proxy(tx, { get: (target, key) => (key === "$queryRaw" ? queryRaw : Reflect.get(target, key)) }));
    }, opts)) as never);
  return { fired: () => fired };
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

    expect(interleaving.fired()).toBe(1);
    expect(assignment?.item.id).toBe(newer);
    const occupying = await db.assignment.count({ where: { itemId: older, status: "ACTIVE", leaseExpiresAt: { gt: now } } });
    expect(occupying).toBe(2);
  });
});
