// GET  /api/projects/[projectId]/imports — the project's imports, newest first (admin)
// POST /api/projects/[projectId]/imports?fileName=…&format=auto&candidates=none&seed=… — import a
//   file sent as the raw request body (admin). With `Accept: application/x-ndjson` the answer is a
//   stream of progress events ending in a `done` or `error` event; otherwise one JSON answer.
import { parseSearch, withRole } from "@/app/_lib/api/handler";
import { errorResponse } from "@/app/_lib/errors";
import { importFileSchema } from "@/app/_lib/import/import-file.schema";
import { listImports } from "@/app/_lib/import/list-imports";
import { importFile, type ImportProgress } from "@/app/_lib/import/run-import";
import { saveUpload } from "@/app/_lib/import/save-upload";
import { kickRmWork } from "@/app/_lib/reward-models/rm-worker";

// uploads are streamed to disk and processed for minutes on big files
export const maxDuration = 3600;

export const GET = withRole<{ projectId: string }>(["ADMIN"], async ({ params }) => ({
  imports: await listImports({ projectId: params.projectId }),
}));

export const POST = withRole<{ projectId: string }>(["ADMIN"], async ({ req, caller, params }) => {
  const query = parseSearch(req, importFileSchema);
  const upload = await saveUpload(req.body);
  const run = (onProgress?: (p: ImportProgress) => void) =>
    importFile({
      projectId: params.projectId,
      actorId: caller.id,
      path: upload.path,
      fileName: query.fileName,
      contentHash: upload.sha256,
      totalBytes: upload.bytes,
      options: { format: query.format, candidates: query.candidates, seed: query.seed },
      onProgress,
    })
      .then((result) => {
        kickRmWork(); // the project's reward model scores the new candidates in the background
        return result;
      })
      .finally(() => upload.remove());

  if (!req.headers.get("accept")?.includes("application/x-ndjson")) {
    const result = await run();
    return Response.json(result, { status: result.duplicate ? 200 : 201 });
  }

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: unknown) => {
        try {
          controller.enqueue(encoder.encode(JSON.stringify(event) + "\n"));
        } catch {
          // the browser went away: the import still finishes (or rolls back) on its own
        }
      };
      send({ type: "received", bytes: upload.bytes, sha256: upload.sha256 });
      try {
        const result = await run((p) => send({ type: "progress", ...p }));
        send({ type: "done", ...result });
      } catch (err) {
        // the same body (and logging of unknown errors) as a non-streamed error answer
        send({ type: "error", ...(await errorResponse(err).json()) });
      }
      try {
        controller.close();
      } catch {
        // already closed by a disconnect
      }
    },
  });
  return new Response(stream, {
    status: 200,
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" },
  });
}, { body: "upload" }); // the file's raw bytes, streamed to disk under save-upload's own limit
