"use client";
// The body of a work queue (ranking, judging): loading, an error with a retry, the empty queue
// with a way back to the list, or the current piece of work. The empty card's title takes the
// focus after the last submit (useFocusOnNext), so its id is the caller's.
import Link from "next/link";
import type { ReactNode } from "react";
import { errorText } from "@/app/_lib/i18n/error-text";
import { useT } from "./i18n-provider";

type Props = {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  /** The empty queue: its test id, the id of its title, its texts and the list it returns to. */
  empty: { testId: string; titleId: string; title: string; body: string; backHref: string; back: string };
  /** The current piece of work, or null when the queue is empty. */
  children: ReactNode | null;
};

export function WorkQueueBody({ query, empty, children }: Props) {
  const t = useT();
  if (query.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (query.isError)
    return (
      <div className="error" role="alert">
        {errorText(t, query.error)}{" "}
        <button type="button" className="btn" onClick={() => query.refetch()}>
          {t("common.retry")}
        </button>
      </div>
    );
  if (children) return <>{children}</>;
  return (
    <div className="card stack" data-testid={empty.testId}>
      <h2 id={empty.titleId} tabIndex={-1}>
        {empty.title}
      </h2>
      <p>{empty.body}</p>
      <Link href={empty.backHref} className="btn">
        {empty.back}
      </Link>
    </div>
  );
}
