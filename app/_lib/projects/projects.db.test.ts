import { describe, expect, it } from "vitest";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { createItems, createUser } from "@/app/_lib/testing/factories";
import { createProjectSchema } from "./create-project.schema";
import { createProject } from "./create-project";
import { getProject } from "./get-project";
import { listProjects } from "./list-projects";
import { updateProject } from "./update-project";

const uniqueName = (label: string) => `${label} ${crypto.randomUUID().slice(0, 8)}`;

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

async function newProject(input: Record<string, unknown> = {}) {
  const admin = await createUser({ roles: ["ADMIN"] });
  const project = await createProject({ actorId: admin.id, data: createProjectSchema.parse({ name: uniqueName("心内科"), ...input }) });
  return { admin, project };
}

describe("createProject", () => {
  it("creates a project with the default settings and audits it", async () => {
    const guidelines = "按照安全性 > 专业性 > 流畅性排序";
    const { admin, project } = await newProject({ guidelines });
    expect(project).toMatchObject({ k: 4, annotatorsPerItem: 2, allowTies: false, disagreementRule: "ANY_ORDER", leaseMinutes: 30, createdById: admin.id });
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: project.id, action: "project.create" } });
    expect(entry).toMatchObject({ actorId: admin.id, projectId: project.id });
    expect(entry.data).toMatchObject({ k: 4, guidelinesLength: guidelines.length });
    expect(entry.data).not.toHaveProperty("guidelines");
  });

  it("refuses a duplicate name with CONFLICT naming the field", async () => {
    const { admin, project } = await newProject();
    const err = await errorOf(createProject({ actorId: admin.id, data: createProjectSchema.parse({ name: project.name }) }));
    expect(err.code).toBe("CONFLICT");
    expect(err.details).toEqual({ field: "name" });
  });
});

describe("updateProject", () => {
  it("changes K while the project is empty, and locks it once items exist", async () => {
    const { admin, project } = await newProject();
    expect((await updateProject({ actorId: admin.id, projectId: project.id, data: { k: 5 } })).k).toBe(5);
    await createItems(project.id, { count: 2 });
    expect(await getProject({ projectId: project.id })).toMatchObject({ itemCount: 2, rankingCount: 0 });
    const err = await errorOf(updateProject({ actorId: admin.id, projectId: project.id, data: { k: 4, leaseMinutes: 60 } }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/K cannot change.*2 items/);
    // nothing half-written: the lease stayed as it was
    expect((await getProject({ projectId: project.id })).leaseMinutes).toBe(30);
    // re-sending the same K with other changes is fine (the settings form sends everything)
    const updated = await updateProject({ actorId: admin.id, projectId: project.id, data: { k: 5, leaseMinutes: 60 } });
    expect(updated.leaseMinutes).toBe(60);
  });

  it("locks annotators per item once a ranking was submitted", async () => {
    const { admin, project } = await newProject();
    const [itemId] = await createItems(project.id, { count: 1 });
    const annotator = await createUser({ roles: ["ANNOTATOR"] });
    expect((await updateProject({ actorId: admin.id, projectId: project.id, data: { annotatorsPerItem: 3 } })).annotatorsPerItem).toBe(3);
    const assignment = await db.assignment.create({
      data: { itemId, annotatorId: annotator.id, status: "SUBMITTED", displayOrder: [0, 1, 2, 3], leaseExpiresAt: new Date() },
    });
    await db.ranking.create({ data: { assignmentId: assignment.id, itemId, annotatorId: annotator.id, ranks: [1, 2, 3, 4], durationMs: 1000 } });
    const err = await errorOf(updateProject({ actorId: admin.id, projectId: project.id, data: { annotatorsPerItem: 2 } }));
    expect(err.code).toBe("CONFLICT");
    expect(err.details).toMatchObject({ issues: [{ path: "annotatorsPerItem" }] });
  });

  it("needs a threshold when switching to KENDALL and drops it when switching away", async () => {
    const { admin, project } = await newProject();
    const missing = await errorOf(updateProject({ actorId: admin.id, projectId: project.id, data: { disagreementRule: "KENDALL" } }));
    expect(missing.code).toBe("VALIDATION");
    expect(missing.message).toMatch(/kendallThreshold/);
    const kendall = await updateProject({ actorId: admin.id, projectId: project.id, data: { disagreementRule: "KENDALL", kendallThreshold: 0.5 } });
    expect(kendall.kendallThreshold).toBe(0.5);
    const top1 = await updateProject({ actorId: admin.id, projectId: project.id, data: { disagreementRule: "TOP1" } });
    expect(top1.kendallThreshold).toBeNull();
  });

  it("logs what changed, from → to", async () => {
    const { admin, project } = await newProject();
    await updateProject({ actorId: admin.id, projectId: project.id, data: { allowTies: true, description: project.description } });
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: project.id, action: "project.update" } });
    expect(entry.data).toEqual({ changes: { allowTies: { from: false, to: true } } });
  });

  it("answers NOT_FOUND for an unknown project and CONFLICT for a taken name", async () => {
    const { admin, project } = await newProject();
    const other = await newProject();
    expect((await errorOf(updateProject({ actorId: admin.id, projectId: "nope", data: { k: 3 } }))).code).toBe("NOT_FOUND");
    expect((await errorOf(updateProject({ actorId: admin.id, projectId: project.id, data: { name: other.project.name } }))).code).toBe("CONFLICT");
  });
});

describe("listProjects", () => {
  it("counts items by status", async () => {
    const { project } = await newProject();
    await createItems(project.id, { count: 3 });
    const [first] = await db.item.findMany({ where: { projectId: project.id } });
    await db.item.update({ where: { id: first.id }, data: { status: "FINAL" } });
    const entry = (await listProjects()).find((p) => p.id === project.id)!;
    expect(entry.itemCounts).toEqual({ AWAITING_CANDIDATES: 0, GOLD: 0, OPEN: 2, ADJUDICATION: 0, FINAL: 1 });
  });
});
