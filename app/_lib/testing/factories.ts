// Seed factories for database tests and e2e fixtures: each call makes new, uniquely named rows.
import { randomUUID } from "node:crypto";
import type { Prisma, Role } from "@/app/_generated/prisma/client";
import { hashPassword } from "../auth/passwords";
import { db } from "../db";

const unique = () => randomUUID().slice(0, 8);

export const TEST_PASSWORD = "test-password-1";

export async function createUser(opts: { roles?: Role[]; password?: string; name?: string; email?: string } = {}) {
  const tag = unique();
  return db.user.create({
    data: {
      email: opts.email ?? `user-${tag}@test.medrank.local`,
      name: opts.name ?? `Test user ${tag}`,
      roles: opts.roles ?? ["ANNOTATOR"],
      passwordHash: await hashPassword(opts.password ?? TEST_PASSWORD),
    },
  });
}

export async function createProject(opts: Partial<Prisma.ProjectUncheckedCreateInput> = {}) {
  return db.project.create({ data: { name: `Project ${unique()}`, ...opts } });
}

/** `count` OPEN items of K candidates each, one dialogue per item (Chinese text). */
export async function createItems(projectId: string, opts: { count: number; k?: number; department?: string }) {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
  const k = opts.k ?? project.k;
  const ids: string[] = [];
  for (let n = 0; n < opts.count; n++) {
    const tag = unique();
    const prompt = [{ role: "user", content: `医生您好，我最近头痛发热（${tag}），需要怎么办？` }];
    const dialogue = await db.dialogue.create({
      data: { projectId, externalId: `dlg-${tag}`, department: opts.department ?? "内科", messages: prompt },
    });
    const item = await db.item.create({
      data: {
        projectId,
        dialogueId: dialogue.id,
        turnIndex: 0,
        prompt,
        status: "OPEN",
        candidates: {
          create: Array.from({ length: k }, (_, position) => ({
            position,
            text: `候选回答 ${position + 1}：建议多休息、多喝水，如持续高热请就医。（${tag}）`,
            source: `test:${position}`,
          })),
        },
      },
    });
    ids.push(item.id);
  }
  return ids;
}

/** A SUBMITTED assignment with its ranking, as if `annotatorId` had ranked the item at `at`. */
export async function createRanking(opts: {
  itemId: string;
  annotatorId: string;
  ranks: number[];
  displayOrder?: number[];
  durationMs?: number;
  at?: Date;
}) {
  const at = opts.at ?? new Date();
  const assignment = await db.assignment.create({
    data: {
      itemId: opts.itemId,
      annotatorId: opts.annotatorId,
      status: "SUBMITTED",
      displayOrder: opts.displayOrder ?? opts.ranks.map((_, position) => position),
      leaseExpiresAt: at,
      finishedAt: at,
    },
  });
  return db.ranking.create({
    data: { assignmentId: assignment.id, itemId: opts.itemId, annotatorId: opts.annotatorId, ranks: opts.ranks, durationMs: opts.durationMs ?? 10_000, createdAt: at },
  });
}
