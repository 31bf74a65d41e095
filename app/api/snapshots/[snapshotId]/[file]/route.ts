// GET /api/snapshots/[snapshotId]/[file] — download rankings.jsonl, pairs.jsonl or raw.jsonl of a
//   snapshot (admin; a session or `Authorization: Bearer mr_…` for scripts)
import { withRole } from "@/app/_lib/api/handler";
import { auditSnapshotDownload } from "@/app/_lib/audit-log/record-download";
import { AppError } from "@/app/_lib/errors";
import { readSnapshotFile } from "@/app/_lib/export/list-snapshots";
import { snapshotFileSchema } from "@/app/_lib/export/snapshot-file.schema";
import { sha256 } from "@/app/_lib/export/snapshot-lines";

export const GET = withRole<{ snapshotId: string; file: string }>(["ADMIN"], async ({ params, caller }) => {
  const parsed = snapshotFileSchema.safeParse(params.file);
  if (!parsed.success) throw new AppError("NOT_FOUND", parsed.error.issues[0].message);
  const file = parsed.data;
  const { content, fileName, snapshotHash } = await readSnapshotFile({ snapshotId: params.snapshotId, file });
  const fileHash = sha256(content);
  await auditSnapshotDownload({ actorId: caller.id, via: caller.via, snapshotId: params.snapshotId, file, sha256: fileHash });
  return new Response(content, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      ETag: `"${fileHash}"`,
      "X-Content-SHA256": fileHash,
      "X-Snapshot-SHA256": snapshotHash,
      // patient data: never kept in the browser's cache (shared ward workstations)
      "Cache-Control": "no-store",
    },
  });
});
