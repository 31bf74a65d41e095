import { expect, it } from "vitest";
import { lineLevel, logLevelWhere } from "./log-level";

it("reads errors and warnings from the words of a line", () => {
  expect(lineLevel("Traceback (most recent call last):")).toBe("error");
  expect(lineLevel("medrank-trainer rm: error: data.jsonl:3")).toBe("error");
  expect(lineLevel("UserWarning: padding_side is left")).toBe("warning");
  expect(lineLevel("warning: 3 rankings were truncated")).toBe("warning");
  expect(lineLevel("ppo:  40%|####      | 8/20")).toBe("info");
});

it("filters in the database by the same words", () => {
  expect(logLevelWhere("all")).toEqual({});
  const warning = JSON.stringify(logLevelWhere("warning"));
  expect(warning).toContain('"warn"');
  expect(warning).toContain('"traceback"');
  expect(JSON.stringify(logLevelWhere("error"))).not.toContain('"warn"');
});
