import Link from "next/link";
import { getT } from "@/app/_lib/i18n/server";

export default async function Forbidden() {
  const t = await getT();
  return (
    <main style={{ padding: "2rem" }} className="stack">
      <h1>403</h1>
      <p>{t("common.forbidden")}</p>
      <Link href="/">{t("common.back")}</Link>
    </main>
  );
}
