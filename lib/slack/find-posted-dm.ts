import type { WebClient } from "@slack/web-api";
import { classifySlackError, type SlackFailure } from "@/lib/slack/classify-slack-error";

/**
 * Every message Lookout posts carries its outbox key in Slack's message metadata (chat.postMessage
 * `metadata`, read back by conversations.history / conversations.replies with `include_all_metadata`;
 * @slack/web-api's ChatPostMessageArguments and ConversationsHistoryResponse, docs.slack.dev "Message metadata").
 * That is how a delivery interrupted mid-post tells "Slack has it" from "Slack never got it".
 */
export const DM_METADATA_EVENT = "lookout_dm";

export function dmMetadata(dedupeKey: string) {
  return { event_type: DM_METADATA_EVENT, event_payload: { key: dedupeKey } };
}

export type PostedLookup = { found: true; ts: string } | { found: false } | { found: null; failure: SlackFailure };

/** How far back to look: the message cannot be older than its row, and clocks can differ by a little. */
const CLOCK_SLACK_S = 300;
const PAGE_LIMIT = 200;
const MAX_PAGES = 5;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

function carriesKey(message: HistoryMessage, dedupeKey: string): boolean {
  return message.metadata?.event_type === DM_METADATA_EVENT && message.metadata.event_payload?.key === dedupeKey;
}

/**
 * Looks in the operator's DM (the thread's replies when the message went into a thread) for a message
 * carrying `dedupeKey`. Needs the bot's `im:history` scope: without it the answer is a `missing_scope` failure.
 */
export async function findPostedDm(
  client: WebClient,
  { channel, threadTs, dedupeKey, since }: { channel: string; threadTs: string | null; dedupeKey: string; since: Date },
): Promise<PostedLookup> {
  const oldest = String(Math.floor(since.getTime() / 1000) - CLOCK_SLACK_S);
  try {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const common = { channel, oldest, limit: PAGE_LIMIT, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
      const answer = threadTs ? await client.conversations.replies({ ...common, ts: threadTs }) : await client.conversations.history(common);
      const hit = (answer.messages as HistoryMessage[] | undefined)?.find((m) => carriesKey(m, dedupeKey));
      if (hit?.ts) return { found: true, ts: hit.ts };
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!answer.has_more || !cursor) return { found: false };
    }
    // More than a thousand messages since this one was written: too many to have looked through them all.
    return { found: null, failure: { code: "history_too_long", permanent: true, mayHavePosted: true, retryAfterMs: null, detail: null } };
  } catch (error) {
    return { found: null, failure: classifySlackError(error) };
  }
}
