import { formatLocal } from '../../core/time.ts'
import { attachLocation, recentCheckinAt, recordMedia } from '../checkins/checkin.service.ts'
import { attachHazardImage, attachHazardLocation, hasRecentReport } from '../hazards/hazard.service.ts'
import { hazardTexts } from '../hazards/hazard.texts.ts'
import { attachLateEvidence, attachNeedImage, recentCompletionAt, recentNeedAt } from '../tasks/task-evidence.ts'
import { needTexts, taskTexts } from '../tasks/task.texts.ts'
import { attachSixEvidence, recentSixAt } from '../projects/six.service.ts'
import { sixTexts } from '../projects/project.texts.ts'
import type { AttachmentHandler } from '../../pipeline/command.ts'
import { duplicateQuestion } from '../hazards/hazard-support.ts'
import { tellMediaMissing } from './media-missing.handler.ts'

/**
 * Locations and images: not commands, but they belong to what their sender just did in this group — a check-in,
 * a hazard report or its resolution, a need just raised, a task just completed, a 六个一 item just recorded. When two
 * could claim it, the most recent wins. A resident's (a guest's) count only for a hazard report or a need they just
 * made; otherwise they are not recorded.
 */
export const handleAttachment: AttachmentHandler = async (ctx) => {
  const { args, member, room, msg } = ctx
  const who = { wxid: msg.talkerId, memberId: member?.id ?? null, roomId: room.id }
  if (args.kind === 'location' && args.location) {
    const loc = args.location
    // A location goes to the more recent of the sender's check-in and hazard report (both within 5 minutes).
    const checkinAt = member ? await recentCheckinAt(ctx.work, member.id, room.id) : 0
    const hazard = await attachHazardLocation(ctx.work, { ...who, room }, loc, msg.messageId, checkinAt)
    if (hazard) {
      ctx.reply(hazardTexts.locationAttached(hazard.hazard, loc.address), { mention: true })
      if (hazard.duplicate) ctx.reply(duplicateQuestion(ctx, hazard.hazard, hazard.duplicate, null), { mention: true })
      return
    }
    if (!member) return
    const c = await attachLocation(ctx.work, member.id, room.id, loc)
    if (c) ctx.reply(`📍 位置已附加到 ${formatLocal(c.at, false)} 的签到:${loc.address}`, { mention: true })
    return
  }
  if (args.kind !== 'image') return
  const needAt = await recentNeedAt(ctx.work, who)
  if (!member && !needAt && !(await hasRecentReport(ctx.work, who))) return
  if (args.mediaMissing) return tellMediaMissing(ctx, args.mediaMissing)
  if (!args.mediaRef) return
  await recordMedia(ctx.work, { ...who, accountId: msg.accountId, messageId: msg.messageId, path: args.mediaRef })
  const completedAt = member ? await recentCompletionAt(ctx.work, member.id) : 0
  const sixAt = member ? await recentSixAt(ctx.work, member.id, room.id) : 0
  const hazard = await attachHazardImage(ctx.work, who, msg.messageId, Math.max(completedAt, sixAt, needAt))
  if (hazard) {
    ctx.reply(hazard.kind === 'after' ? hazardTexts.afterImage(hazard.hazard) : hazardTexts.imageAttached(hazard.hazard, hazard.count), { mention: true })
    return
  }
  const need = needAt > Math.max(completedAt, sixAt) ? await attachNeedImage(ctx.work, who) : null
  if (need) {
    ctx.reply(needTexts.imageAttached(need.need, need.count), { mention: true })
    return
  }
  if (!member) return
  if (sixAt > completedAt) {
    const six = await attachSixEvidence(ctx.work, member.id, room.id, ctx.now)
    if (six) ctx.reply(sixTexts.evidenceAttached(six.kind), { mention: true })
    return
  }
  const task = await attachLateEvidence(ctx.work, member.id, ctx.now)
  if (task) ctx.reply(taskTexts.evidenceAttached(task), { mention: true })
}
