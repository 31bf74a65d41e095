// GET /api/users — list users (admin)
// POST /api/users — create a user with roles and an initial password (admin)
import { parseJson, withRole } from "@/app/_lib/api/handler";
import { createUser } from "@/app/_lib/users/create-user";
import { createUserSchema } from "@/app/_lib/users/create-user.schema";
import { listUsers } from "@/app/_lib/users/list-users";

export const GET = withRole(["ADMIN"], async () => ({ users: await listUsers() }));

export const POST = withRole(["ADMIN"], async ({ req, caller }) => {
  const data = await parseJson(req, createUserSchema);
  return Response.json({ user: await createUser({ actorId: caller.id, data }) }, { status: 201 });
});
