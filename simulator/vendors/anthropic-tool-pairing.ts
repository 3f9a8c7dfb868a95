// The Messages API refuses a conversation whose tool turns do not pair up; checking it here makes a
// broken tool_result round trip in Lookout fail in tests the way it would in production.

interface Turn {
  role: string;
  content: string | Array<{ type: string; id?: unknown; tool_use_id?: unknown }>;
}

function ids(turn: Turn | undefined, type: "tool_use" | "tool_result"): string[] {
  if (!turn || typeof turn.content === "string") return [];
  const key = type === "tool_use" ? "id" : "tool_use_id";
  return turn.content.filter((b) => b.type === type).map((b) => String(b[key]));
}

/** The API's 400 message for the first unpaired tool block, or null when every pair matches. */
export function checkToolPairing(messages: Turn[]): string | null {
  for (const [i, turn] of messages.entries()) {
    if (turn.role === "assistant") {
      const results = new Set(ids(messages[i + 1], "tool_result"));
      const missing = ids(turn, "tool_use").filter((id) => !results.has(id));
      // A trailing assistant turn is a prefill with no answer yet, so only turns with a successor are checked.
      if (missing.length > 0 && i + 1 < messages.length) {
        return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
      }
    } else {
      const uses = new Set(ids(messages[i - 1], "tool_use"));
      const stray = ids(turn, "tool_result").find((id) => !uses.has(id));
      if (stray !== undefined) {
        return `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
    }
  }
  return null;
}
