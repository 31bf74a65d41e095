import type { Metadata } from "next";
import { getLocale } from "@/app/_lib/i18n/server";
import { Providers } from "./_components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "MedRank",
  description: "Expert ranking and RLHF for medical dialogue models",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body>
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
