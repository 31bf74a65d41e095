// GET /api/projects/[projectId] — one project's settings (any signed-in user)
// PATCH /api/projects/[projectId] — change settings; K is locked once items exist (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { getProject } from "@/app/_lib/projects/get-project";
import { updateProject } from "@/app/_lib/projects/update-project";
import { updateProjectSchema } from "@/app/_lib/projects/update-project.schema";

export const GET = withRole<{ projectId: string }>("any", async ({ params }) => ({
  project: await getProject({ projectId: params.projectId }),
}));

export const PATCH = withRole<{ projectId: string }>(["ADMIN"], async ({ req, caller, params }) => {
  const data = await parseJson(req, updateProjectSchema);
  return { project: await updateProject({ actorId: caller.id, projectId: params.projectId, data }) };
});
