// A chat message of a dialogue: the patient speaks as "user", the doctor as "assistant"
// (the roles of the chat format used by imports, the annotation view and the exports).
export type ChatRole = "user" | "assistant";
export type ChatMessage = { role: ChatRole; content: string };
