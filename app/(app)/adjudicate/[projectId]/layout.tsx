// /adjudicate/[projectId]/** — one undo toast for the project's adjudication pages: it outlives the
// move from a decided item straight on to the next one.
import { UndoProvider } from "../_components/undo-toast";

export default async function AdjudicationProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  return <UndoProvider projectId={projectId}>{children}</UndoProvider>;
}
