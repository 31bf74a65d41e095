// Locale and translator for server components (from the medrank-locale cookie).
import "server-only";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, type Locale, toLocale } from "./locales";
import { translator } from "./translate";

export async function getLocale(): Promise<Locale> {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function getT() {
  return translator(await getLocale());
}
