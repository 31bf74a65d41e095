// UI text of the "runs" area, Chinese and English (same keys in both).
export const runs = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};
