import { describe, expect, it } from "vitest";
import { annotatorThroughput, dailyCounts, dayKey } from "./throughput";

const tz = "Asia/Shanghai"; // UTC+8, no DST
const at = (iso: string) => new Date(iso);

describe("dayKey", () => {
  it("uses the report's time zone: 17:00 UTC is already the next day in Beijing", () => {
    expect(dayKey(at("2025-03-01T17:00:00Z"), tz)).toBe("2025-03-02");
    expect(dayKey(at("2025-03-01T17:00:00Z"), "UTC")).toBe("2025-03-01");
  });
});

describe("annotatorThroughput", () => {
  const rankings = [
    { annotatorId: "a", createdAt: at("2025-03-01T01:00:00Z"), durationMs: 30_000 },
    { annotatorId: "a", createdAt: at("2025-03-01T02:00:00Z"), durationMs: 50_000 },
    { annotatorId: "a", createdAt: at("2025-03-01T03:00:00Z"), durationMs: 40_000 },
    { annotatorId: "a", createdAt: at("2025-03-03T03:00:00Z"), durationMs: 90_000 },
    { annotatorId: "b", createdAt: at("2025-03-02T03:00:00Z"), durationMs: 20_000 },
  ];

  it("divides rankings by active days and takes the median time per ranking", () => {
    const [a, b] = annotatorThroughput({ rankings, skips: new Map([["a", 2]]), timeZone: tz });
    expect(a).toMatchObject({ annotatorId: "a", rankings: 4, activeDays: 2, rankingsPerDay: 2, medianDurationMs: 45_000, skips: 2 });
    expect(a.lastRankingAt).toEqual(at("2025-03-03T03:00:00Z"));
    expect(b).toMatchObject({ annotatorId: "b", rankings: 1, activeDays: 1, rankingsPerDay: 1, medianDurationMs: 20_000, skips: 0 });
  });

  it("lists an annotator who only skipped", () => {
    const rows = annotatorThroughput({ rankings: [], skips: new Map([["c", 3]]), timeZone: tz });
    expect(rows).toEqual([
      { annotatorId: "c", rankings: 0, activeDays: 0, rankingsPerDay: null, medianDurationMs: null, skips: 3, lastRankingAt: null },
    ]);
  });
});

describe("dailyCounts", () => {
  it("zero-fills the window and ends on today's date", () => {
    const days = dailyCounts({
      rankings: [{ createdAt: at("2025-03-01T01:00:00Z") }, { createdAt: at("2025-03-01T20:00:00Z") }],
      days: 3,
      now: at("2025-03-03T12:00:00Z"),
      timeZone: tz,
    });
    // 20:00 UTC on 1 March is 2 March in Beijing
    expect(days).toEqual([
      { day: "2025-03-01", rankings: 1 },
      { day: "2025-03-02", rankings: 1 },
      { day: "2025-03-03", rankings: 0 },
    ]);
  });
});
