// GET /api/projects/[projectId]/imports/[importId] — one import: file, format, options, counts (admin)
import { withRole } from "@/app/_lib/api/handler";
import { getImport } from "@/app/_lib/import/list-imports";

export const GET = withRole<{ projectId: string; importId: string }>(["ADMIN"], async ({ params }) => ({
  import: await getImport({ projectId: params.projectId, importId: params.importId }),
}));
