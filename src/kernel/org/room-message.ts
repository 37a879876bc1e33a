// A message to a bound room (rows from queries that keep only bound rooms: wxRoomId is set).
import type { OutboundMessage } from '../../core/message.ts'
import type { Room } from './org.types.ts'
import { roomMessageTexts } from './room-message.texts.ts'

export const toRoom = (room: Room, text: string, mentionIds: string[] = [], urgent = false): OutboundMessage => ({
  accountId: room.accountId,
  roomId: room.wxRoomId ?? '',
  text,
  mentionIds,
  urgent,
})

/** An image (a media store reference) to a bound room. */
export const imageToRoom = (room: Room, ref: string): OutboundMessage => ({
  accountId: room.accountId,
  roomId: room.wxRoomId ?? '',
  text: roomMessageTexts.image(ref),
  mentionIds: [],
  image: ref,
})

/** A file (a media store reference) to a bound room, shown under `name`. */
export const fileToRoom = (room: Room, ref: string, name: string): OutboundMessage => ({
  accountId: room.accountId,
  roomId: room.wxRoomId ?? '',
  text: roomMessageTexts.file(name),
  mentionIds: [],
  file: { ref, name },
})
