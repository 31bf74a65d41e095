"use client";
// The reference beside every ranking (annotate and adjudicate pages): the rubric and the
// project's guidelines (markdown, with the admin's examples), as two tabs. The content is a
// keyboard-reachable scroll region. A flag on an answer links to its criterion through
// GuidelinesProvider.showCriterion (switches to the rubric, opens the panel on narrow screens,
// scrolls to and focuses the criterion).
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useProject } from "@/app/_hooks/use-projects";
import type { FlagCode } from "@/app/_lib/ranking/rubric";
import { useT } from "./i18n-provider";
import { Markdown } from "./markdown";
import { Rubric, rubricAnchor } from "./rubric";
import styles from "./guidelines-panel.module.css";

type Tab = "rubric" | "guidelines";
type PanelState = {
  tab: Tab;
  setTab: (tab: Tab) => void;
  /** on narrow screens the panel is a drawer: open or closed */
  open: boolean;
  setOpen: (open: boolean) => void;
  showCriterion: (flag: FlagCode) => void;
  target: FlagCode | null;
  clearTarget: () => void;
};

const PanelContext = createContext<PanelState | null>(null);

function usePanelState(): PanelState {
  const [tab, setTab] = useState<Tab>("rubric");
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<FlagCode | null>(null);
  const showCriterion = useCallback((flag: FlagCode) => {
    setTab("rubric");
    setOpen(true);
    setTarget(flag);
  }, []);
  const clearTarget = useCallback(() => setTarget(null), []);
  return useMemo(() => ({ tab, setTab, open, setOpen, showCriterion, target, clearTarget }), [tab, open, showCriterion, target, clearTarget]);
}

export function GuidelinesProvider({ children }: { children: React.ReactNode }) {
  return <PanelContext.Provider value={usePanelState()}>{children}</PanelContext.Provider>;
}

/** The panel's state, for a page that links to criteria or opens the panel (null outside a provider). */
export const useGuidelinesPanel = () => useContext(PanelContext);

export function GuidelinesPanel({ projectId, guidelines }: { projectId: string; guidelines?: string }) {
  const t = useT();
  const own = usePanelState();
  const state = useContext(PanelContext) ?? own;
  const project = useProject(projectId);
  const text = guidelines ?? project.data?.guidelines;
  const { tab, setTab, target, clearTarget } = state;

  useEffect(() => {
    if (!target || tab !== "rubric") return;
    const el = document.getElementById(rubricAnchor(target));
    if (el) {
      el.scrollIntoView({ block: "nearest" });
      el.focus({ preventScroll: true });
    }
    clearTarget();
  }, [target, tab, clearTarget]);

  const tabs: { id: Tab; label: string }[] = [
    { id: "rubric", label: t("annotate.panel.rubric") },
    { id: "guidelines", label: t("annotate.panel.guidelines") },
  ];
  return (
    <div className={styles.panel} data-testid="guidelines-panel">
      <div role="tablist" aria-label={t("annotate.panel.label")} className={styles.tabs}>
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            id={`panel-tab-${x.id}`}
            aria-selected={tab === x.id}
            aria-controls="panel-content"
            tabIndex={tab === x.id ? 0 : -1}
            className={styles.tab}
            onClick={() => setTab(x.id)}
            onKeyDown={(e) => {
              if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
                e.preventDefault();
                const next = tabs[(tabs.findIndex((y) => y.id === tab) + 1) % tabs.length].id;
                setTab(next);
                document.getElementById(`panel-tab-${next}`)?.focus();
              }
            }}
          >
            {x.label}
          </button>
        ))}
      </div>
      <div id="panel-content" role="tabpanel" aria-labelledby={`panel-tab-${tab}`} tabIndex={0} className={styles.content} data-testid="panel-content">
        {tab === "rubric" ? (
          <Rubric />
        ) : text === undefined ? (
          <p className="muted">{t("common.loading")}</p>
        ) : text.trim() === "" ? (
          <p className="muted">{t("annotate.panel.noGuidelines")}</p>
        ) : (
          <>
            <h2 className={styles.title}>{t("annotate.panel.guidelinesTitle")}</h2>
            <Markdown source={text} />
          </>
        )}
      </div>
    </div>
  );
}
