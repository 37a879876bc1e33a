import type { CommandDef } from './command.ts'
import { helpCommand } from './help.command.ts'
import { checkinCommand } from './checkin.command.ts'
import { todayCommand } from './today.command.ts'
import { meCommand } from './me.command.ts'
import { bindCommand } from './bind.command.ts'
import { needCommand, needListCommand } from './need.command.ts'
import { taskCommand } from './task.command.ts'
import { taskListCommand } from './task-list.command.ts'
import { abandonCommand, cancelCommand, chaseCommand, claimCommand, completeCommand, progressCommand, reassignCommand, takeOverCommand } from './task-actions.command.ts'

/** Every command, in the order #帮助 lists them. Later issues add theirs here. */
export const COMMANDS: CommandDef[] = []
COMMANDS.push(
  helpCommand(() => COMMANDS),
  checkinCommand, todayCommand, meCommand,
  needCommand, needListCommand, taskCommand, taskListCommand,
  claimCommand, progressCommand, completeCommand, abandonCommand, chaseCommand, takeOverCommand, reassignCommand, cancelCommand,
  bindCommand,
)

const byWord = new Map<string, CommandDef>()
for (const c of COMMANDS) for (const w of [c.name, ...c.aliases]) byWord.set(w.toLowerCase(), c)

export function findCommand(word: string): CommandDef | undefined {
  return byWord.get(word.toLowerCase())
}

export function commandWords(): string[] {
  return COMMANDS.flatMap((c) => [c.name, ...c.aliases.filter((a) => /^[a-z]+$/i.test(a))])
}
