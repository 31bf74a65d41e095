// GET /api/snapshots/[snapshotId] — one snapshot: version, sha256, counts, file links (admin)
import { withRole } from "@/app/_lib/api/handler";
import { getSnapshot } from "@/app/_lib/export/list-snapshots";

export const GET = withRole<{ snapshotId: string }>(["ADMIN"], async ({ params }) => ({
  snapshot: await getSnapshot({ snapshotId: params.snapshotId }),
}));
