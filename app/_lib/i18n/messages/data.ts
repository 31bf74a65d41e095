// UI text of the "data" area, Chinese and English (same keys in both).
export const data = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};
