import type { WebClient } from "@slack/web-api";
import type { SlackMessage } from "@/lib/slack/build-blocks";
import { classifySlackError, type SlackFailure } from "@/lib/slack/classify-slack-error";

export type PostOutcome =
  | { ok: true; channel: string; ts: string; threadTs: string | null }
  | { ok: false; failure: SlackFailure; channel: string | null; threadTs: string | null };

export interface PostDmInput {
  operatorId: string;
  message: SlackMessage;
  /** The session's thread parent, if one was ever sent. */
  parent: { channel: string; ts: string } | null;
  /** Set for the resolution: a thread reply that does not echo into the channel. */
  replyBroadcast?: boolean;
}

/** One try: open the operator's DM channel, then post (in the session's thread when it has one). */
export async function postDm(client: WebClient, input: PostDmInput): Promise<PostOutcome> {
  let channel: string | null = null;
  let threadTs: string | null = null;
  try {
    const opened = await client.conversations.open({ users: input.operatorId });
    channel = opened.channel?.id ?? null;
    if (!channel) throw new Error("conversations.open returned no channel id");
    // A thread lives in one channel; if the operator changed since, start a new top-level message.
    threadTs = input.parent?.channel === channel ? input.parent.ts : null;
    const thread = threadTs ? { thread_ts: threadTs, ...(input.replyBroadcast === undefined ? {} : { reply_broadcast: input.replyBroadcast }) } : {};
    const posted = await client.chat.postMessage({ channel, text: input.message.text, blocks: input.message.blocks, ...thread });
    if (!posted.ts) throw new Error("chat.postMessage returned no ts");
    return { ok: true, channel, ts: posted.ts, threadTs };
  } catch (error) {
    return { ok: false, failure: classifySlackError(error), channel, threadTs };
  }
}
