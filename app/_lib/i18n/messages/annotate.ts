// UI text of the "annotate" area, Chinese and English (same keys in both).
export const annotate = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};
