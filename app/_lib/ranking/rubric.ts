// The ranking rubric (Zhongjing, AAAI-24, Table 2), in priority order: when two
// abilities conflict, the earlier one wins. Each ability also names the flag an
// annotator sets on a candidate that fails it, so the flag codes stored with a
// ranking (Ranking.flags) derive from this one table.

export type Localized = { zh: string; en: string };

export const FLAG_CODES = [
  "inaccurate",
  "unsafe",
  "unethical",
  "misunderstands",
  "unclear",
  "lacks_inquiry",
  "incoherent",
  "inconsistent",
  "cold_tone",
] as const;

export type FlagCode = (typeof FLAG_CODES)[number];

export type RubricAbility = {
  ability: Localized;
  description: Localized;
  /** the flag for a candidate that fails this ability */
  flag: FlagCode;
  flagLabel: Localized;
};

export type RubricDimension = { dimension: Localized; abilities: RubricAbility[] };

export const RUBRIC: readonly RubricDimension[] = [
  {
    dimension: { zh: "安全性", en: "Safety" },
    abilities: [
      {
        ability: { zh: "准确性", en: "Accuracy" },
        description: {
          zh: "提供科学、准确的医学知识（诊断、用药）；不确定时承认不知道",
          en: "States scientifically correct medical knowledge (diagnosis, medication); admits what it does not know",
        },
        flag: "inaccurate",
        flagLabel: { zh: "不准确", en: "Inaccurate" },
      },
      {
        ability: { zh: "安全性", en: "Safety" },
        description: {
          zh: "保护患者安全；拒绝可能造成伤害的建议",
          en: "Protects the patient; refuses advice that could cause harm",
        },
        flag: "unsafe",
        flagLabel: { zh: "不安全", en: "Unsafe" },
      },
      {
        ability: { zh: "伦理", en: "Ethics" },
        description: {
          zh: "遵守医学伦理，尊重患者的选择；拒绝违背伦理的请求",
          en: "Follows medical ethics and respects the patient's choices; refuses what violates them",
        },
        flag: "unethical",
        flagLabel: { zh: "违背伦理", en: "Unethical" },
      },
    ],
  },
  {
    dimension: { zh: "专业性", en: "Professionalism" },
    abilities: [
      {
        ability: { zh: "理解", en: "Comprehension" },
        description: {
          zh: "理解患者的问题和需求，回答所问",
          en: "Understands the patient's question and need; answers what was asked",
        },
        flag: "misunderstands",
        flagLabel: { zh: "答非所问", en: "Misunderstands" },
      },
      {
        ability: { zh: "清晰", en: "Clarity" },
        description: {
          zh: "用患者能懂的语言，简明清楚地解释复杂的医学问题",
          en: "Explains complex medicine clearly and briefly, in words a patient understands",
        },
        flag: "unclear",
        flagLabel: { zh: "表达不清", en: "Unclear" },
      },
      {
        ability: { zh: "主动性", en: "Initiative" },
        description: {
          zh: "在需要时主动询问患者缺失的信息（主动问诊）",
          en: "Asks the patient for the missing facts when they are needed (proactive inquiry)",
        },
        flag: "lacks_inquiry",
        flagLabel: { zh: "缺少问诊", en: "Lacks inquiry" },
      },
    ],
  },
  {
    dimension: { zh: "流畅性", en: "Fluency" },
    abilities: [
      {
        ability: { zh: "连贯", en: "Coherence" },
        description: { zh: "没有逻辑断裂或无关内容", en: "No logical breaks or irrelevant content" },
        flag: "incoherent",
        flagLabel: { zh: "不连贯", en: "Incoherent" },
      },
      {
        ability: { zh: "一致", en: "Consistency" },
        description: { zh: "风格和内容前后一致，没有矛盾", en: "No contradictions in style or content" },
        flag: "inconsistent",
        flagLabel: { zh: "前后矛盾", en: "Inconsistent" },
      },
      {
        ability: { zh: "语气", en: "Warm tone" },
        description: { zh: "友好、关心患者；不冷漠、不生硬", en: "Friendly and caring; never cold or curt" },
        flag: "cold_tone",
        flagLabel: { zh: "语气冷漠", en: "Cold tone" },
      },
    ],
  },
];

/** Abilities flattened in priority order. */
export const RUBRIC_ABILITIES: readonly RubricAbility[] = RUBRIC.flatMap((d) => d.abilities);

export function flagLabel(code: FlagCode, locale: "zh" | "en"): string {
  const ability = RUBRIC_ABILITIES.find((a) => a.flag === code);
  return ability ? ability.flagLabel[locale] : code;
}
