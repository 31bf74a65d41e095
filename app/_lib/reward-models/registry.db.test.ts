// Registering an exported folder (an admin's POST /api/reward-models), listing, deleting: the
// folder is checked file by file against its manifest before a READY row exists.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/app/_lib/db";
import { createProject } from "@/app/_lib/testing/factories";
import { tinyRewardModel } from "@/app/_lib/testing/reward-model-fixture";
import { deleteRewardModel, listRewardModels, registerFolder } from "./registry";

let exported = "";
beforeAll(async () => {
  exported = await tinyRewardModel();
}, 300_000);

/** A private copy of the exported folder, to damage or register once. */
function copyOfExport(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "medrank-rm-register-")), "export");
  cpSync(exported, dir, { recursive: true });
  return dir;
}

describe("registerFolder", () => {
  it("registers a verified folder as READY with its formats, size and held-out figures, listed for admins", async () => {
    const dir = copyOfExport();
    const project = await createProject();
    const row = await registerFolder({ dir, name: "tiny v1", projectId: project.id, createdById: null });
    expect(row).toMatchObject({ status: "READY", source: "register", dir, formats: ["fp32", "int8"], projectId: project.id });
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    const listed = (await listRewardModels()).find((m) => m.id === row.id)!;
    expect(listed).toMatchObject({
      name: "tiny v1",
      project: { id: project.id, name: project.name },
      bytes: manifest.files.reduce((n: number, f: { bytes: number }) => n + f.bytes, 0),
      pairwiseAccuracy: manifest.held_out.pairwise_accuracy,
      kendallTau: manifest.held_out.kendall_tau,
    });
    await expect(registerFolder({ dir, createdById: null })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses a folder whose file does not match its sha256, naming the file", async () => {
    const dir = copyOfExport();
    const tokenizer = path.join(dir, "tokenizer.json");
    const text = readFileSync(tokenizer, "utf8");
    writeFileSync(tokenizer, text.replace("<unk>", "<UNK>"));
    await expect(registerFolder({ dir, createdById: null })).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("tokenizer.json") });
  });

  it("refuses a relative path, a folder without a manifest, and an unknown project", async () => {
    await expect(registerFolder({ dir: "models/rm", createdById: null })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(registerFolder({ dir: mkdtempSync(path.join(tmpdir(), "medrank-empty-")), createdById: null })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("manifest.json"),
    });
    await expect(registerFolder({ dir: copyOfExport(), projectId: "no-such-project", createdById: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("deletes the row and leaves a registered folder on disk", async () => {
    const dir = copyOfExport();
    const row = await registerFolder({ dir, createdById: null });
    expect(await deleteRewardModel(row.id)).toEqual({ deleted: true, filesRemoved: false });
    expect(await db.rewardModel.findUnique({ where: { id: row.id } })).toBeNull();
    expect(readFileSync(path.join(dir, "manifest.json"), "utf8")).toContain("medrank-reward-model");
    await expect(deleteRewardModel(row.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists an upload whose run is no longer running as failed (it will not finish)", async () => {
    const run = await db.run.create({ data: { kind: "RM", name: "rm stalled", status: "RUNNING", config: {}, modelPath: "/m" } });
    const model = await db.rewardModel.create({ data: { name: "stalled", runId: run.id, source: "upload", dir: "/nonexistent", manifest: {}, formats: ["fp32"] } });
    expect((await listRewardModels()).find((m) => m.id === model.id)).toMatchObject({ status: "UPLOADING", error: null });
    await db.run.update({ where: { id: run.id }, data: { status: "SUCCEEDED" } });
    expect((await listRewardModels()).find((m) => m.id === model.id)).toMatchObject({ status: "FAILED", error: "upload_stalled" });
  });
});
