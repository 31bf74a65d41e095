import { describe, expect, it } from "vitest";
import { audit } from "@/app/_lib/audit";
import { db } from "@/app/_lib/db";
import { createProject, createUser } from "@/app/_lib/testing/factories";
import { listAuditActions } from "./list-audit-actions";
import { listAuditEntries } from "./list-audit-entries";
import { listAuditEntriesSchema } from "./list-audit-entries.schema";

const query = (q: Record<string, string>) => listAuditEntriesSchema.parse(q);

describe("listAuditEntries", () => {
  it("filters by actor, action prefix and project, newest first, with actor and project names", async () => {
    const actor = await createUser({ name: "审计员" });
    const project = await createProject();
    await audit(db, { actorId: actor.id, action: "user.create", entityType: "User", entityId: "u1" });
    await audit(db, { actorId: actor.id, action: "project.update", entityType: "Project", entityId: project.id, projectId: project.id });
    await audit(db, { actorId: actor.id, action: "user.set_roles", entityType: "User", entityId: "u1", data: { to: ["ADMIN"] } });

    const all = await listAuditEntries(query({ actorId: actor.id }));
    expect(all.entries.map((e) => e.action)).toEqual(["user.set_roles", "project.update", "user.create"]);
    expect(all.entries[0].actor).toEqual({ id: actor.id, name: "审计员", email: actor.email });
    expect(all.entries[0].data).toEqual({ to: ["ADMIN"] });
    expect(typeof all.entries[0].id).toBe("string");

    const users = await listAuditEntries(query({ actorId: actor.id, action: "user" }));
    expect(users.entries.map((e) => e.action)).toEqual(["user.set_roles", "user.create"]);

    const inProject = await listAuditEntries(query({ projectId: project.id }));
    expect(inProject.entries).toHaveLength(1);
    expect(inProject.entries[0].projectName).toBe(project.name);
  });

  it("pages with `before` until there is nothing left", async () => {
    const actor = await createUser();
    for (let i = 0; i < 5; i++) await audit(db, { actorId: actor.id, action: "token.create", entityType: "ApiToken", entityId: `t${i}` });
    const first = await listAuditEntries(query({ actorId: actor.id, limit: "2" }));
    expect(first.entries.map((e) => e.entityId)).toEqual(["t4", "t3"]);
    const second = await listAuditEntries(query({ actorId: actor.id, limit: "2", before: first.nextBefore! }));
    expect(second.entries.map((e) => e.entityId)).toEqual(["t2", "t1"]);
    const third = await listAuditEntries(query({ actorId: actor.id, limit: "2", before: second.nextBefore! }));
    expect(third.entries.map((e) => e.entityId)).toEqual(["t0"]);
    expect(third.nextBefore).toBeNull();
  });

  it("lists the distinct actions for the filter", async () => {
    const actor = await createUser();
    await audit(db, { actorId: actor.id, action: "user.reactivate", entityType: "User", entityId: actor.id });
    expect(await listAuditActions()).toContain("user.reactivate");
  });
});
