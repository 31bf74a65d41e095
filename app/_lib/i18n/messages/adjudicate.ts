// UI text of the "adjudicate" area, Chinese and English (same keys in both).
export const adjudicate = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};
