// An admin makes an item a gold item by giving its expected order, changes that order, or takes
// the item back out. Only an item nobody has ranked yet can become gold (an OPEN item with no
// rankings: its annotators would otherwise be scored on an item they ranked as work), and only a
// gold item nobody has ranked yet can go back to being work (its gold rankings would otherwise
// count towards its final order). Under the item's row lock, so a ranking submitted at the same
// moment is either in before (and the change is refused) or sees the new status.
import "server-only";
import { audit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import { lockItem } from "../assignment/slots";
import { normalizeRanks, rankProblems } from "../ranking/ranks";
import type { SetGoldRateBody } from "./set-gold-item.schema";

export async function setGoldItem(opts: { projectId: string; itemId: string; ranks: number[]; actorId: string }): Promise<{ itemId: string; goldRanks: number[] }> {
  return db.$transaction(async (tx) => {
    await lockItem(tx, opts.itemId);
    const item = await tx.item.findFirst({
      where: { id: opts.itemId, projectId: opts.projectId },
      select: { id: true, status: true, rankingCount: true, project: { select: { k: true, allowTies: true } } },
    });
    if (!item) throw new AppError("NOT_FOUND", `No item ${opts.itemId} in this project`);
    if (item.status !== "GOLD" && !(item.status === "OPEN" && item.rankingCount === 0)) {
      throw new AppError("CONFLICT", `Item ${item.id} is ${item.status} with ${item.rankingCount} rankings; only an open item nobody has ranked can become a gold item`);
    }
    const problems = rankProblems(opts.ranks, { k: item.project.k, allowTies: item.project.allowTies });
    if (problems.length) throw new AppError("VALIDATION", `invalid body: ${problems[0].path}: ${problems[0].message}`, { issues: problems });
    const goldRanks = normalizeRanks(opts.ranks);
    await tx.item.update({ where: { id: item.id }, data: { status: "GOLD", goldRanks } });
    await audit(tx, {
      actorId: opts.actorId,
      action: item.status === "GOLD" ? "item.gold_update" : "item.gold_set",
      entityType: "item",
      entityId: item.id,
      projectId: opts.projectId,
      data: { goldRanks },
    });
    return { itemId: item.id, goldRanks };
  });
}

export async function unsetGoldItem(opts: { projectId: string; itemId: string; actorId: string }): Promise<{ itemId: string }> {
  return db.$transaction(async (tx) => {
    await lockItem(tx, opts.itemId);
    const item = await tx.item.findFirst({ where: { id: opts.itemId, projectId: opts.projectId, status: "GOLD" }, select: { id: true, rankingCount: true } });
    if (!item) throw new AppError("NOT_FOUND", `No gold item ${opts.itemId} in this project`);
    if (item.rankingCount > 0) {
      throw new AppError("CONFLICT", `Gold item ${item.id} has ${item.rankingCount} rankings scored against it; it stays a gold item (its expected order can still be changed)`);
    }
    await tx.item.update({ where: { id: item.id }, data: { status: "OPEN", goldRanks: [] } });
    await audit(tx, { actorId: opts.actorId, action: "item.gold_unset", entityType: "item", entityId: item.id, projectId: opts.projectId, data: {} });
    return { itemId: item.id };
  });
}

export async function setGoldRate(opts: { projectId: string; body: SetGoldRateBody; actorId: string }): Promise<{ rate: number }> {
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: opts.projectId }, select: { id: true, goldRate: true } });
    if (!project) throw new AppError("NOT_FOUND", `Project ${opts.projectId} not found`);
    await tx.project.update({ where: { id: project.id }, data: { goldRate: opts.body.rate } });
    await audit(tx, {
      actorId: opts.actorId,
      action: "project.gold_rate",
      entityType: "project",
      entityId: project.id,
      projectId: project.id,
      data: { from: project.goldRate, to: opts.body.rate },
    });
    return { rate: opts.body.rate };
  });
}
