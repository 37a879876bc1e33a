import { unsaidToday } from '../domain/outbox/once-a-day.service.ts'
import type { VoiceHandler } from '../pipeline/command.ts'

/** The hint: what to do instead, with one example. */
export const VOICE_HINT = '暂不支持语音,请发文字,例如 #签到 巡查'

/**
 * A member's voice message: the bot cannot read it, so it says so — at most once per person per day, so a group
 * that talks does not get a hint after every message. A guest's voice is ordinary chat.
 */
export const handleVoice: VoiceHandler = async (ctx) => {
  if (!ctx.member) return
  const key = await unsaidToday(ctx.work, 'voice', ctx.member.id)
  if (key) ctx.post({ accountId: ctx.msg.accountId, roomId: ctx.msg.roomId, text: VOICE_HINT, mentionIds: [ctx.msg.talkerId] }, key)
}
