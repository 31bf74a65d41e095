// The browser tab's title for a page, in the reader's language: "<page> · MedRank". Use it as a
// page's metadata: `export const generateMetadata = () => pageTitle("annotate.pageTitle.workspace")`.
import "server-only";
import type { Metadata } from "next";
import { getT } from "./server";

export async function pageTitle(key: string, vars?: Record<string, string | number>): Promise<Metadata> {
  const t = await getT();
  return { title: `${t(key, vars)} · MedRank` };
}
