import { expect, it } from "vitest";
import { parseSampleLine } from "./sample-line";

const line = { step: 4, total_steps: 20, split: "train", time: 1.5, item_id: "i1", messages: [{ role: "user", content: "头痛" }], answer: "多休息", score: 0.7, reward: 0.61, kl: 0.09, ended: true };

it("keeps the prompt, the answer and its reward", () => {
  expect(parseSampleLine(line, "lines[0]")).toEqual({
    step: 4, itemId: "i1", prompt: [{ role: "user", content: "头痛" }], response: "多休息", reward: 0.61, score: 0.7, kl: 0.09,
  });
});

it("names the line and the field that is wrong", () => {
  expect(() => parseSampleLine({ ...line, answer: 3 }, "lines[2] (seq 7)")).toThrow("lines[2] (seq 7): field 'answer'");
  expect(() => parseSampleLine({ ...line, messages: "hi" }, "lines[0]")).toThrow("field 'messages'");
  expect(() => parseSampleLine({ ...line, step: -1 }, "lines[0]")).toThrow("field 'step'");
});
