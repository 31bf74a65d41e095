"use client";
// The short undo window after a decision (app/_lib/adjudication/undo-window.ts): the decision is
// already saved and the adjudicator is on the next item; a toast counts the window down and offers
// "Undo", which takes the decision back on the server and reopens that item.
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import { useUndoAdjudication } from "@/app/_hooks/use-adjudication";
import { UNDO_WINDOW_MS } from "@/app/_lib/adjudication/undo-window";
import { errorText } from "@/app/_lib/i18n/error-text";
import styles from "./adjudicate.module.css";

export type UndoOffer = { itemId: string; adjudicationId: string; summary: string };

const UndoContext = createContext<(offer: UndoOffer) => void>(() => {});

/** Offer to undo a decision just saved (replaces an earlier offer). */
export const useOfferUndo = () => useContext(UndoContext);

export function UndoProvider({ projectId, children }: { projectId: string; children: React.ReactNode }) {
  const t = useT();
  const router = useRouter();
  const undo = useUndoAdjudication(projectId);
  // the countdown runs on this browser's clock from the moment the decision was saved (the
  // server's own clock, which may differ, allows a few seconds more)
  const [offer, setOffer] = useState<(UndoOffer & { until: number }) | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [problem, setProblem] = useState<string | null>(null);

  const offerUndo = useCallback((o: UndoOffer) => {
    setProblem(null);
    setNow(Date.now());
    setOffer({ ...o, until: Date.now() + UNDO_WINDOW_MS });
  }, []);

  const left = offer ? Math.ceil((offer.until - now) / 1000) : 0;
  useEffect(() => {
    if (!offer) return;
    if (left <= 0) {
      setOffer(null);
      return;
    }
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [offer, left]);

  const takeBack = () => {
    if (!offer) return;
    const { itemId, adjudicationId } = offer;
    undo.mutateAsync({ itemId, adjudicationId }).then(
      () => {
        setOffer(null);
        router.push(`/adjudicate/${projectId}/${itemId}?undone=1`);
      },
      (err) => {
        setOffer(null);
        setProblem(t("adjudicate.undo.failed", { message: errorText(t, err) }));
      },
    );
  };

  return (
    <UndoContext.Provider value={offerUndo}>
      {children}
      <div className={styles.toastArea} aria-live="polite">
        {offer && left > 0 ? (
          <div className={styles.toast} role="status" data-testid="undo-toast">
            <span>{t("adjudicate.undo.saved", { summary: offer.summary })}</span>
            <button type="button" className="btn" onClick={takeBack} disabled={undo.isPending} data-testid="undo">
              {t("adjudicate.undo.button", { s: left })}
            </button>
          </div>
        ) : problem ? (
          <div className={`${styles.toast} ${styles.toastError}`} role="alert">
            <span>{problem}</span>
            <button type="button" className="btn" onClick={() => setProblem(null)}>
              {t("adjudicate.undo.dismiss")}
            </button>
          </div>
        ) : null}
      </div>
    </UndoContext.Provider>
  );
}
