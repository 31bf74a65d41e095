import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { toImportView, type ImportView } from "./import-view";

async function creators(ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = wanted.length ? await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } }) : [];
  return new Map(users.map((u) => [u.id, u]));
}

/** A project's imports, newest first. */
export async function listImports(opts: { projectId: string }): Promise<ImportView[]> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: { id: true } });
  if (!project) throw new AppError("NOT_FOUND", "Project not found");
  const rows = await db.importBatch.findMany({ where: { projectId: project.id }, orderBy: { createdAt: "desc" } });
  const users = await creators(rows.map((r) => r.createdById));
  return rows.map((r) => toImportView(r, users));
}

export async function getImport(opts: { projectId: string; importId: string }): Promise<ImportView> {
  const row = await db.importBatch.findFirst({ where: { id: opts.importId, projectId: opts.projectId } });
  if (!row) throw new AppError("NOT_FOUND", "Import not found");
  return toImportView(row, await creators([row.createdById]));
}
