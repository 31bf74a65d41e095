import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { readLimitedBody } from "./body-limit";

const KiB = 1024;

/** A request body produced chunk by chunk on demand, counting how many bytes were pulled. */
function meteredRequest(opts: { chunks: number; chunkBytes: number; declaredLength?: number }) {
  const pulled = { bytes: 0 };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === opts.chunks) return controller.close();
      sent++;
      pulled.bytes += opts.chunkBytes;
      controller.enqueue(new Uint8Array(opts.chunkBytes).fill(0x61));
    },
  }, { highWaterMark: 0 }); // produce only what is asked for
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.declaredLength !== undefined) headers["content-length"] = String(opts.declaredLength);
  const req = new Request("http://localhost/api/tokens", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { req, pulled };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a refusal");
}

describe("readLimitedBody", () => {
  it("refuses a declared Content-Length over the limit before reading a byte", async () => {
    const { req, pulled } = meteredRequest({ chunks: 100, chunkBytes: 64 * KiB, declaredLength: 100 * 64 * KiB });
    const err = await refusal(readLimitedBody(req, 1024 * KiB));
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(413);
    expect(err.message).toBe("The request body is larger than 1 MB");
    expect(pulled.bytes).toBe(0);
  });

  it("stops reading an undeclared (chunked) body as soon as it passes the limit", async () => {
    // 450 MB announced by nobody: the reader must give up after ~1 MB, not buffer the lot
    const { req, pulled } = meteredRequest({ chunks: 7200, chunkBytes: 64 * KiB });
    const err = await refusal(readLimitedBody(req, 1024 * KiB));
    expect(err.status).toBe(413);
    // the limit, plus the one chunk that crossed it
    expect(pulled.bytes).toBeLessThanOrEqual(1024 * KiB + 64 * KiB);
  });

  it("reads a body of exactly the limit, byte for byte", async () => {
    const { req } = meteredRequest({ chunks: 16, chunkBytes: 64 * KiB });
    const bytes = await readLimitedBody(req, 1024 * KiB);
    expect(bytes.byteLength).toBe(1024 * KiB);
    expect(bytes.every((b) => b === 0x61)).toBe(true);
  });

  it("lies about the length do not help: a short declared length with a long body is still cut", async () => {
    const { req } = meteredRequest({ chunks: 40, chunkBytes: 64 * KiB, declaredLength: 10 });
    expect((await refusal(readLimitedBody(req, 1024 * KiB))).status).toBe(413);
  });
});
