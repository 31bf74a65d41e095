import Link from "next/link";
import { getT } from "@/app/_lib/i18n/server";

export default async function NotFound() {
  const t = await getT();
  return (
    <main style={{ padding: "2rem" }} className="stack">
      <h1>404</h1>
      <p>{t("common.notFound")}</p>
      <Link href="/">{t("common.back")}</Link>
    </main>
  );
}
