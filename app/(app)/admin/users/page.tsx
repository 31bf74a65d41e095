// /admin/users — create users, set their roles, deactivate them, reset passwords (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { UsersAdmin } from "./users-admin";

export default async function UsersPage() {
  const caller = await requirePageCaller(["ADMIN"]);
  return <UsersAdmin currentUserId={caller.id} />;
}
