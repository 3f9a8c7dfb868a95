import type { WebClient } from "@slack/web-api";
import type { SlackMessage } from "@/lib/slack/build-blocks";
import { dmMetadata } from "@/lib/slack/find-posted-dm";

/** The operator's DM channel id (conversations.open); throws what the client throws, or on an answer without one. */
export async function openDmChannel(client: WebClient, operatorId: string): Promise<string> {
  const opened = await client.conversations.open({ users: operatorId });
  if (!opened.channel?.id) throw new Error("conversations.open returned no channel id");
  return opened.channel.id;
}

export interface OutgoingMessage {
  channel: string;
  threadTs: string | null;
  message: SlackMessage;
  /** The outbox key, carried in the message's metadata so the message can be found again. */
  dedupeKey: string;
  /** False for the resolution: a thread reply that does not echo into the channel. */
  replyBroadcast?: boolean;
}

/** Posts one message (chat.postMessage) and returns its ts; throws what the client throws, or on an answer without one. */
export async function postSlackMessage(client: WebClient, m: OutgoingMessage): Promise<string> {
  const thread = m.threadTs ? { thread_ts: m.threadTs, ...(m.replyBroadcast === undefined ? {} : { reply_broadcast: m.replyBroadcast }) } : {};
  const posted = await client.chat.postMessage({ channel: m.channel, text: m.message.text, blocks: m.message.blocks, metadata: dmMetadata(m.dedupeKey), ...thread });
  if (!posted.ts) throw new Error("chat.postMessage returned no ts");
  return posted.ts;
}

/**
 * Redraws a message in place (chat.update, docs.slack.dev/reference/methods/chat.update; @slack/web-api's
 * ChatUpdateArguments / ChatUpdateResponse): the whole text and blocks are replaced, so sending the same
 * message twice leaves it as once. Throws what the client throws, or on an answer without a ts.
 */
export async function updateSlackMessage(client: WebClient, m: { channel: string; ts: string; message: SlackMessage }): Promise<string> {
  const updated = await client.chat.update({ channel: m.channel, ts: m.ts, text: m.message.text, blocks: m.message.blocks });
  if (!updated.ts) throw new Error("chat.update returned no ts");
  return updated.ts;
}

/** A message only `user` sees, in `channel` (chat.postEphemeral; ChatPostEphemeralArguments / ChatPostEphemeralResponse). */
export async function postEphemeralMessage(client: WebClient, m: { channel: string; user: string; text: string }): Promise<void> {
  await client.chat.postEphemeral({ channel: m.channel, user: m.user, text: m.text });
}
