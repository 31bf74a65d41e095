// GET /api/projects — projects with their settings and item counts (any signed-in user:
//   annotators pick a project and read its guidelines)
// POST /api/projects — create a project (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { createProject } from "@/app/_lib/projects/create-project";
import { createProjectSchema } from "@/app/_lib/projects/create-project.schema";
import { listProjects } from "@/app/_lib/projects/list-projects";

export const GET = withRole("any", async () => ({ projects: await listProjects() }));

export const POST = withRole(["ADMIN"], async ({ req, caller }) => {
  const data = await parseJson(req, createProjectSchema);
  return Response.json({ project: await createProject({ actorId: caller.id, data }) }, { status: 201 });
});
