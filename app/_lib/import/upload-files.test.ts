// Uploads hold patient dialogues: private on disk, and none left behind by an interrupted import.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeLeftoverUploads, uploadDir } from "./upload-files";

const dataDir = mkdtempSync(path.join(tmpdir(), "medrank-uploads-"));

beforeAll(() => {
  process.env.MEDRANK_DATA_DIR = dataDir;
  process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1:1/unused";
  process.env.NEXTAUTH_SECRET ??= "unit-secret-0123456789abcdef";
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("saveUpload", () => {
  it("writes the upload readable by its owner only, in a private folder", async () => {
    const { saveUpload } = await import("./save-upload");
    const body = new Blob(['{"id": 1}\n']).stream();
    const upload = await saveUpload(body);
    expect(statSync(upload.path).mode & 0o777).toBe(0o600);
    expect(statSync(uploadDir(dataDir)).mode & 0o777).toBe(0o700);
    await upload.remove();
  });
});

describe("removeLeftoverUploads", () => {
  it("removes the files an interrupted import left, and nothing else", () => {
    const dir = uploadDir(dataDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "0b8c3f5e-5d0f-4c47-9d1e-3f1a2b3c4d5e.upload"), "left by a killed import");
    writeFileSync(path.join(dir, "notes.txt"), "not an upload");
    expect(removeLeftoverUploads(dataDir)).toBe(1);
    expect(readdirSync(dir)).toEqual(["notes.txt"]);
  });

  it("is a no-op when there was never an upload", () => {
    expect(removeLeftoverUploads(path.join(dataDir, "missing"))).toBe(0);
  });
});
