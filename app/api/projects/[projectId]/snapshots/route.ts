// GET  /api/projects/[projectId]/snapshots — the project's snapshots, newest first (admin)
// POST /api/projects/[projectId]/snapshots — freeze the project's final rankings as the next
//   immutable snapshot version (admin; 409 when there is no final ranking yet)
import { withRole } from "@/app/_lib/api/handler";
import { createSnapshot } from "@/app/_lib/export/create-snapshot";
import { listSnapshots } from "@/app/_lib/export/list-snapshots";

export const GET = withRole<{ projectId: string }>(["ADMIN"], async ({ params }) => ({
  snapshots: await listSnapshots({ projectId: params.projectId }),
}));

export const POST = withRole<{ projectId: string }>(["ADMIN"], async ({ caller, params }) => {
  const snapshot = await createSnapshot({ projectId: params.projectId, actorId: caller.id });
  return Response.json({ snapshot }, { status: 201 });
});
