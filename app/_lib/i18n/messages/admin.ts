// UI text of the "admin" area, Chinese and English (same keys in both).
export const admin = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};
