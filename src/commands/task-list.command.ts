import type { CommandDef } from './command.ts'
import { orgRepo } from '../domain/org/org.repo.ts'
import { taskRepo } from '../domain/task/task.repo.ts'
import { isSupervisorOver } from '../domain/task/task-access.ts'
import { taskLine } from '../domain/task/task-format.ts'

const LIMIT = 60

export const taskListCommand: CommandDef = {
  name: '任务列表',
  aliases: ['tasks'],
  summary: '本单位未完成的任务;负责人加“全部”看下级所有单位',
  usage: '#任务列表 [全部]',
  example: '#任务列表 全部',
  async run(ctx) {
    const unit = ctx.room!.unit
    const all = ctx.command!.argv[0] === '全部' || ctx.command!.argv[0] === 'all'
    if (all && !isSupervisorOver(ctx.member!, unit)) return ctx.reply(`“全部”仅限${unit.name}及上级负责人使用。`, { mention: true })
    const units = all ? await orgRepo.subtree(ctx.db, unit) : [unit]
    const byId = new Map(units.map((u) => [u.id, u]))
    const [tasks, total] = await Promise.all([taskRepo.activeInUnits(ctx.db, [...byId.keys()], LIMIT * 4), taskRepo.countActiveInUnits(ctx.db, [...byId.keys()])])
    if (!total) return ctx.reply(`${unit.name}${all ? '及下级' : ''} 暂无未完成的任务。`)
    const holders = new Map((await orgRepo.membersByIds(ctx.db, tasks.flatMap((t) => (t.holderId ? [t.holderId] : [])))).map((m) => [m.id, m.name]))
    const overdue = (t: (typeof tasks)[number]) => (t.deadline && t.deadline.getTime() < ctx.now.getTime() ? 0 : 1)
    const sorted = [...tasks].sort((a, b) => overdue(a) - overdue(b) || (a.deadline?.getTime() ?? Infinity) - (b.deadline?.getTime() ?? Infinity) || a.number - b.number)
    const lines: string[] = []
    if (!all) for (const t of sorted.slice(0, LIMIT)) lines.push(taskLine(t, ctx.now, holders.get(t.holderId ?? 0)))
    else {
      // Grouped by unit; units with overdue work first.
      const groups = new Map<number, typeof sorted>()
      for (const t of sorted) groups.set(t.unitId, [...(groups.get(t.unitId) ?? []), t])
      const order = [...groups.entries()].sort((a, b) => overdue(a[1][0]!) - overdue(b[1][0]!))
      for (const [unitId, list] of order) {
        if (lines.length >= LIMIT) break
        lines.push(`【${byId.get(unitId)?.name}】`)
        for (const t of list) lines.push(`  ${taskLine(t, ctx.now, holders.get(t.holderId ?? 0))}`)
      }
    }
    const more = total > tasks.length || lines.length > LIMIT ? `\n……共 ${total} 项,仅列出部分` : ''
    ctx.reply(`${unit.name}${all ? '及下级' : ''} 未完成任务 ${total} 项:\n${lines.slice(0, LIMIT + 10).join('\n')}${more}`)
  },
}
