// How much of a request body the app reads. Every JSON body (and the sign-in form) is read
// through readLimitedBody: a Content-Length above the limit is refused before a byte is read,
// and a body sent without one (chunked) is counted as it arrives and refused the moment it
// passes the limit — the rest is never buffered. Only the import route streams large uploads
// (to disk, under its own 1 GiB limit: app/_lib/import/save-upload.ts).
import { AppError } from "../errors";

const MiB = 1024 * 1024;

/** The documented limits (README "Security and operations"). */
export const BODY_LIMITS = {
  /** Any JSON route that names no other limit. */
  json: 1 * MiB,
  /**
   * The trainer agent's batches (metrics, logs, sampled candidates, the final report). The
   * agent sends at most 500 lines of at most 4000 characters per post (trainer agent.py), and
   * 100 sampled records per results post: a few MB of UTF-8 at worst.
   */
  agentBatch: 16 * MiB,
  /** next-auth's forms (sign-in, sign-out): an e-mail, a password, a CSRF token, a callback URL. */
  authForm: 64 * 1024,
} as const;

function tooLarge(limit: number): AppError {
  const size = limit >= MiB ? `${limit / MiB} MB` : `${limit / 1024} KB`;
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${size}`, { limitBytes: limit });
}

/** Refuses at once when the declared length is over the limit (nothing is read). */
export function checkDeclaredLength(req: Request, limit: number): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
}

/** The body's bytes, at most `limit` of them; a longer body is a 413 and stops being read. */
export async function readLimitedBody(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  checkDeclaredLength(req, limit);
  if (!req.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading; what the client still sends is discarded by the server, never held.
      reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text, at most `limit` bytes of it. */
export async function readLimitedText(req: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readLimitedBody(req, limit));
}
