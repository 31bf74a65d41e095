"use client";
// A run's status as a coloured badge (a running run with a cancel pending says so).
import type { RunStatus } from "@/app/_generated/prisma/enums";
import { useT } from "@/app/_components/i18n-provider";

const CLASS: Record<RunStatus, string> = {
  QUEUED: "badge",
  RUNNING: "badge",
  SUCCEEDED: "badge badge-ok",
  FAILED: "badge badge-danger",
  CANCELLED: "badge badge-warn",
};

export function RunStatusBadge({ status, cancelRequested = false }: { status: RunStatus; cancelRequested?: boolean }) {
  const t = useT();
  return (
    <span className={CLASS[status]} data-testid="run-status" data-status={status}>
      {t(`runs.status.${status}`)}
      {status === "RUNNING" && cancelRequested ? ` · ${t("runs.cancelPending")}` : ""}
    </span>
  );
}
