// Every command, in the order #帮助 lists them; the composition root hands this set to the dispatcher.
// Later capabilities add theirs here.
import type { AnyCommand, CommandSet } from '../pipeline/command.ts'
import { handleAttachment } from './attachment.handler.ts'
import { handleVoice } from './voice-hint.handler.ts'
import { bindCommand } from './bind.command.ts'
import { confirmBindingCommand, refuseBindingCommand } from './bind-proposal.command.ts'
import { checkinCommand } from './checkin.command.ts'
import { helpCommand } from './help.command.ts'
import { meCommand } from './me.command.ts'
import { needCommand, needListCommand } from './need.command.ts'
import {
  abandonCommand,
  cancelCommand,
  chaseCommand,
  claimCommand,
  completeCommand,
  progressCommand,
  reassignCommand,
  takeOverCommand,
} from './task-actions.command.ts'
import { taskListCommand } from './task-list.command.ts'
import { taskCommand } from './task.command.ts'
import { todayCommand } from './today.command.ts'
import { hazardCommand, hazardListCommand } from './hazard.command.ts'
import { acknowledgeCommand, differentCommand, handleCommand, reopenCommand, resolveCommand, sameCommand, verifyCommand } from './hazard-actions.command.ts'
import { correctCommand, pointsCommand, rankCommand } from './points.command.ts'
import { catalogueCommand, checkOffCommand, redeemCommand } from './redeem.command.ts'
import { reviewCommand, volunteerCommand } from './volunteer.command.ts'
import { matchCommand, resourceCommand, resourceListCommand } from './resource.command.ts'
import { projectCommand, projectListCommand } from './project.command.ts'
import { funnelCommand } from './funnel.command.ts'
import { dailyDigestCommand, monthlyDigestCommand, weeklyDigestCommand } from './digest.command.ts'
import { exportCommand } from './export.command.ts'
import { sixCommand } from './six.command.ts'
import { evaluationCommand, gradeCommand } from './evaluation.command.ts'
import { noticeCommand, scheduleCancelCommand, scheduleListCommand } from './notice.command.ts'
import { handleAcknowledgement } from './notice-ack.handler.ts'
import { loginCommand } from './login.command.ts'
import { confirmRegistrationCommand, registerCommand, rejectRegistrationCommand } from './register.command.ts'

/** The commands by capability, as #帮助 lists them (one line per section, so the list stays one short message). */
export const HELP_SECTIONS: { title: string; commands: AnyCommand[] }[] = [
  { title: '签到', commands: [checkinCommand, todayCommand, meCommand] },
  {
    title: '需求任务',
    commands: [
      needCommand,
      needListCommand,
      taskCommand,
      taskListCommand,
      claimCommand,
      progressCommand,
      completeCommand,
      abandonCommand,
      chaseCommand,
      takeOverCommand,
      reassignCommand,
      cancelCommand,
    ],
  },
  {
    title: '安全隐患',
    commands: [
      hazardCommand,
      hazardListCommand,
      acknowledgeCommand,
      handleCommand,
      resolveCommand,
      verifyCommand,
      reopenCommand,
      sameCommand,
      differentCommand,
    ],
  },
  {
    title: '志愿积分',
    commands: [volunteerCommand, reviewCommand, pointsCommand, rankCommand, catalogueCommand, redeemCommand, checkOffCommand, correctCommand],
  },
  { title: '资源项目', commands: [resourceCommand, resourceListCommand, matchCommand, projectCommand, projectListCommand, funnelCommand, sixCommand] },
  { title: '评价', commands: [evaluationCommand, gradeCommand] },
  { title: '通知', commands: [noticeCommand, scheduleListCommand, scheduleCancelCommand] },
  { title: '报表', commands: [dailyDigestCommand, weeklyDigestCommand, monthlyDigestCommand, exportCommand] },
  { title: '登记', commands: [registerCommand, confirmRegistrationCommand, rejectRegistrationCommand] },
  { title: '管理', commands: [bindCommand, confirmBindingCommand, refuseBindingCommand, loginCommand] },
]

export const COMMANDS: AnyCommand[] = [helpCommand(() => HELP_SECTIONS), ...HELP_SECTIONS.flatMap((s) => s.commands)]

const byWord = new Map<string, AnyCommand>()
for (const c of COMMANDS) for (const w of [c.name, ...c.aliases]) byWord.set(w.toLowerCase(), c)

export const commandSet: CommandSet = {
  find: (word) => byWord.get(word.toLowerCase()),
  // Chinese names only: a user who typed a Chinese word is helped by a Chinese suggestion.
  words: () => COMMANDS.map((c) => c.name),
  attachment: handleAttachment,
  acknowledgement: handleAcknowledgement,
  voice: handleVoice,
}
