// Plain-data messages crossing the queue: no Wechaty types past the gateway.

/** 'voice': a voice message (its audio is not fetched: only a hint answers it). Files, link cards … are 'other'. */
export type InboundKind = 'text' | 'location' | 'image' | 'voice' | 'other'

/** Why an image is missing: the store is full, not writable, failed otherwise, or the image could not be fetched. */
export type MediaCause = 'disk_full' | 'not_writable' | 'store_error' | 'fetch_failed'

/** Who said a message where. */
export interface MessageOrigin {
  accountId: string
  messageId: string
  /** WeChat room id; null for a direct message. */
  roomId: string | null
  roomTopic: string | null
  /** Stable WeChat contact id of the sender. The display name is for replies only, never for authorization. */
  talkerId: string
  talkerName: string
}

export interface InboundMessage extends MessageOrigin {
  kind: InboundKind
  text: string
  /** The sender @-ed the bot account. */
  mentionsSelf: boolean
  /** Contact ids the sender @-ed (not the bot). Some puppets drop them; "@name" in the text is the fallback. */
  mentionIds?: string[]
  location?: { latitude: number; longitude: number; address: string }
  /** The media store's reference of an image the gateway kept. */
  mediaRef?: string
  /** An image the gateway could not fetch or keep: why (the message still goes on, so the sender hears of it). */
  mediaMissing?: MediaCause
  /** ISO time the gateway received it, from the injected clock (virtual in the simulator). */
  receivedAt: string
  /** ISO time of the message itself as the transport reports it (WeChat's timestamp, the same on every redelivery). */
  sentAt?: string
}

export interface OutboundMessage {
  accountId: string
  roomId: string
  text: string
  /** Contact ids to @. */
  mentionIds: string[]
  urgent?: boolean
  /** Send this image (a media store reference) instead of the text; the text then only describes it in logs. */
  image?: string
  /** Send this file (a media store reference) under `name` instead of the text (a 台账 .xlsx); the text only
   *  describes it in logs. */
  file?: { ref: string; name: string }
}

/** The inbox's partition key: the message's own time, else its receive time (docs/operations.md, "Partitions"). */
export const messageAtOf = (m: Pick<InboundMessage, 'receivedAt' | 'sentAt'>) => new Date(m.sentAt ?? m.receivedAt)

/** The conversation whose order is kept: a group, or one person writing to the bot directly (per account). */
export const conversationOf = (m: Pick<InboundMessage, 'accountId' | 'roomId' | 'talkerId'>) => `${m.accountId}/${m.roomId ?? m.talkerId}`
