"use client";
// A candidate answer: long answers are clamped with a "show all" toggle, so four
// long answers still fit on a tablet screen next to each other's rank.
import { useState } from "react";
import { useT } from "@/app/_components/i18n-provider";
import styles from "./ranking-board.module.css";

const LONG = 280;

export function CandidateText({ text }: { text: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const long = text.length > LONG || text.split("\n").length > 6;
  return (
    <div>
      <div className={`${styles.text} ${long && !open ? styles.clamped : ""}`}>{text}</div>
      {long && (
        <button type="button" className={styles.more} onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {t(open ? "annotate.board.collapse" : "annotate.board.expand")}
        </button>
      )}
    </div>
  );
}
