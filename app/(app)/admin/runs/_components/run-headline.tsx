"use client";
// The numbers a run leads with (app/_lib/runs/run-headline.ts): on the run page as tiles, in the
// runs list as one line.
import { useT } from "@/app/_components/i18n-provider";
import { formatDuration } from "@/app/_lib/runs/progress";
import type { PpoPoint, RunHeadline } from "@/app/_lib/runs/run-headline";
import type { RunSummary } from "@/app/_lib/runs/run-view";
import styles from "./runs.module.css";

/** Fewer than this many held-out rankings: the accuracy is noise, say so. */
export const FEW_VALIDATION = 20;

export const fmt3 = (v: number | null | undefined) => (v === null || v === undefined ? "—" : Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(3));
const fmtLen = (v: number | null | undefined) => (v === null || v === undefined ? "—" : v.toFixed(0));

function Tile(props: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>
        {props.value}
        {props.note ? (
          <>
            {" "}
            <small>{props.note}</small>
          </>
        ) : null}
      </dd>
    </div>
  );
}

function ppoPair(start: PpoPoint | null, end: PpoPoint | null, key: keyof Omit<PpoPoint, "step">, f: (v: number | null) => string) {
  return `${f(start?.[key] ?? null)} → ${f(end?.[key] ?? null)}`;
}

export function HeadlineTiles({ run, headline }: { run: RunSummary; headline: RunHeadline }) {
  const t = useT();
  const h = headline;
  const tiles: React.ReactNode[] = [];
  if (h.rm) {
    const split = h.rm.heldOut ? t("runs.head.heldOut") : t("runs.head.trainSplit");
    tiles.push(
      <Tile
        key="acc"
        testId="headline-best-accuracy"
        label={t("runs.head.bestAccuracy", { split })}
        value={fmt3(h.rm.best?.accuracy)}
        note={h.rm.best?.step !== null && h.rm.best?.step !== undefined ? t("runs.head.atStep", { step: h.rm.best.step }) : undefined}
      />,
      <Tile key="final-acc" testId="headline-final-accuracy" label={t("runs.head.finalAccuracy", { split })} value={fmt3(h.rm.final?.accuracy)} note={h.rm.final?.step ? t("runs.head.atStep", { step: h.rm.final.step }) : undefined} />,
      <Tile key="tau" label={t("runs.head.tau")} value={`${fmt3(h.rm.best?.tau)} / ${fmt3(h.rm.final?.tau)}`} note={t("runs.head.bestFinal")} />,
      <Tile key="best" testId="headline-best-step" label={t("runs.head.bestStep")} value={h.rm.best?.step?.toString() ?? "—"} note={t(`runs.head.bestBy.${h.rm.bestMetric === "accuracy" ? "accuracy" : "loss"}`)} />,
      <Tile
        key="val"
        testId="headline-validation"
        label={t("runs.head.validation")}
        value={h.rm.validation?.toString() ?? "—"}
        note={h.rm.validation !== null && h.rm.validation < FEW_VALIDATION ? t("runs.head.fewValidation") : undefined}
      />,
    );
  }
  if (h.ppo) {
    tiles.push(
      <Tile key="reward" testId="headline-reward" label={t("runs.head.reward")} value={ppoPair(h.ppo.start, h.ppo.end, "reward", fmt3)} />,
      <Tile key="kl" label={t("runs.head.kl")} value={ppoPair(h.ppo.start, h.ppo.end, "kl", fmt3)} />,
      <Tile key="beta" label={t("runs.head.beta")} value={ppoPair(h.ppo.start, h.ppo.end, "beta", fmt3)} />,
      <Tile key="len" label={t("runs.head.length")} value={ppoPair(h.ppo.start, h.ppo.end, "length", fmtLen)} />,
    );
  }
  tiles.push(
    <Tile key="wait" testId="headline-wait" label={t("runs.head.wait")} value={h.waitSeconds === null ? "—" : formatDuration(h.waitSeconds)} />,
    <Tile key="ran" testId="headline-ran" label={t(run.finishedAt ? "runs.head.ran" : "runs.head.running")} value={h.runSeconds === null ? "—" : formatDuration(h.runSeconds)} />,
  );
  return (
    <section aria-labelledby="run-headline">
      <h2 id="run-headline" className="visually-hidden">{t("runs.head.title")}</h2>
      <dl className={styles.headline} data-testid="run-headline">
        {tiles}
      </dl>
    </section>
  );
}

/** One line for the runs list: the key result, or why a queued run waits. */
export function HeadlineLine({ run }: { run: RunSummary }) {
  const t = useT();
  const h = run.headline;
  if (run.status === "QUEUED" && run.queue) {
    return (
      <span data-testid="queue-wait">
        {t("runs.queue.position", { n: run.queue.position, total: run.queue.queued })} · {t(`runs.queue.reason.${run.queue.reason}`)}
      </span>
    );
  }
  if (h.rm?.best || h.rm?.final) {
    return (
      <span>
        {t("runs.head.lineRm", { acc: fmt3(h.rm.best?.accuracy), step: h.rm.best?.step ?? "—", final: fmt3(h.rm.final?.accuracy), tau: fmt3(h.rm.best?.tau) })}
      </span>
    );
  }
  if (h.ppo?.end) {
    return <span>{t("runs.head.linePpo", { reward: ppoPair(h.ppo.start, h.ppo.end, "reward", fmt3), kl: fmt3(h.ppo.end.kl) })}</span>;
  }
  return <span className="muted">—</span>;
}
