import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { uploadDir, uploadFileName } from "./upload-files";

/** Uploads larger than this are refused (a 70,000-dialogue CMtMedQA file is ~170 MB). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export type SavedUpload = { path: string; bytes: number; sha256: string; remove: () => Promise<void> };

/**
 * Streams a request body to a temporary file under the data directory (0600, upload-files.ts),
 * hashing it on the way, so that a large upload is never held in memory and can be read twice
 * (validate, then write).
 */
export async function saveUpload(body: ReadableStream<Uint8Array> | null, maxBytes = MAX_UPLOAD_BYTES): Promise<SavedUpload> {
  if (!body) throw new AppError("BAD_REQUEST", "The request has no body: send the file's bytes as the body");
  const dir = uploadDir(getEnv().MEDRANK_DATA_DIR);
  await mkdir(path.dirname(dir), { recursive: true }); // the data dir keeps its own mode
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700); // a folder made before uploads were private
  const file = path.join(dir, uploadFileName(randomUUID()));
  const remove = () => rm(file, { force: true });
  const hash = createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > maxBytes) return cb(new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), meter, createWriteStream(file, { flags: "wx", mode: 0o600 }));
  } catch (err) {
    await remove();
    if (err instanceof AppError) throw err;
    throw new AppError("BAD_REQUEST", "The upload was interrupted before the whole file arrived");
  }
  if (bytes === 0) {
    await remove();
    throw new AppError("VALIDATION", "The uploaded file is empty");
  }
  return { path: file, bytes, sha256: hash.digest("hex"), remove };
}
