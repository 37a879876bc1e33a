import { unsaidToday } from '../../kernel/outbox/once-a-day.service.ts'
import type { VoiceHandler } from '../../pipeline/command.ts'
import { voiceTexts } from './voice.texts.ts'

/** The hint: what to do instead, with one example. */
export const VOICE_HINT = voiceTexts.hint()

/**
 * A member's voice message: the bot cannot read it, so it says so — at most once per person per day, so a group
 * that talks does not get a hint after every message. A guest's voice is ordinary chat.
 */
export const handleVoice: VoiceHandler = async (ctx) => {
  if (!ctx.member) return
  const key = await unsaidToday(ctx.work, 'voice', ctx.member.id)
  if (key) ctx.post({ accountId: ctx.msg.accountId, roomId: ctx.msg.roomId, text: VOICE_HINT, mentionIds: [ctx.msg.talkerId] }, key)
}
