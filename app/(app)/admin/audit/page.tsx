// /admin/audit — the audit log, filtered by action, actor and project (admin).
import { requirePageCaller } from "@/app/_lib/auth/page";
import { AuditLogView } from "./audit-log-view";
import type { Metadata } from "next";
import { pageTitle } from "@/app/_lib/i18n/page-title";

export const generateMetadata = (): Promise<Metadata> => pageTitle("titles.audit");

type Search = { action?: string; actorId?: string; projectId?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search & Record<string, string | string[] | undefined>> }) {
  await requirePageCaller(["ADMIN"]);
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);
  return <AuditLogView initial={{ action: one(sp.action), actorId: one(sp.actorId), projectId: one(sp.projectId) }} />;
}
