// Small display helpers of the runs pages.
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export const formatTime = (iso: string | null, locale: string) =>
  iso ? new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", { hour12: false }) : "—";
