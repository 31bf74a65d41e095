"use client";
// The keyboard scheme, listed when the annotator presses ? (or the "Shortcuts" button). The
// same list is in docs/annotator-guide.md.
import { useEffect, useRef } from "react";
import { useT } from "@/app/_components/i18n-provider";
import styles from "./shortcuts-dialog.module.css";

export const SHORTCUTS: { keys: string; key: string; ties?: boolean }[] = [
  { keys: "A … D", key: "annotate.keys.letter" },
  { keys: "Backspace", key: "annotate.keys.backspace" },
  { keys: "Ctrl / ⌘ + Enter", key: "annotate.keys.submit" },
  { keys: "← ↑  → ↓", key: "annotate.keys.arrows" },
  { keys: "1 … 4", key: "annotate.keys.digit" },
  { keys: "Alt + ↑ / ↓", key: "annotate.keys.altArrows" },
  { keys: "=", key: "annotate.keys.tie", ties: true },
  { keys: "?", key: "annotate.keys.help" },
];

export function ShortcutsDialog({ k, allowTies, onClose }: { k: number; allowTies: boolean; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const last = String.fromCharCode(64 + k);
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby="shortcuts-title" onClose={onClose} data-testid="shortcuts-dialog">
      <h2 id="shortcuts-title" className={styles.title}>
        {t("annotate.keys.title")}
      </h2>
      <table className={styles.table}>
        <tbody>
          {SHORTCUTS.filter((s) => allowTies || !s.ties).map((s) => (
            <tr key={s.key}>
              <th scope="row">
                <kbd>{s.keys.replace("A … D", `A … ${last}`).replace("1 … 4", `1 … ${k}`)}</kbd>
              </th>
              <td>{t(s.key, { k, last })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog" className={styles.actions}>
        <button type="submit" className="btn btn-primary" autoFocus>
          {t("annotate.keys.close")}
        </button>
      </form>
    </dialog>
  );
}
