// /admin/users — create users, set their roles, deactivate them, reset passwords (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { UsersAdmin } from "./users-admin";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.users");

export default async function UsersPage() {
  const caller = await requirePageCaller(["ADMIN"]);
  return <UsersAdmin currentUserId={caller.id} />;
}
