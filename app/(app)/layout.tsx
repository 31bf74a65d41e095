// Every page in this group needs a signed-in, active user.
import { AppShell } from "@/app/_components/app-shell";
import { requirePageCaller } from "@/app/_lib/auth/page";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const caller = await requirePageCaller();
  return <AppShell user={{ name: caller.name, roles: caller.roles }}>{children}</AppShell>;
}
