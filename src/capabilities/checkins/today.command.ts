import { formatLocal } from '../../core/time.ts'
import { todayReport } from './checkin.service.ts'
import { kindLabel } from '../../kernel/texts/checkin-kinds.texts.ts'
import { ok, type CommandDef } from '../../pipeline/command.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'

export const todayCommand: CommandDef<null> = {
  access: 'member',
  name: '今日',
  aliases: ['今天', 'today'],
  summary: '本单位今日签到(上级群按下级单位汇总)',
  usage: '#今日',
  example: '#今日',
  parse: () => ok(null),
  async run(ctx) {
    const report = await todayReport(ctx.work, ctx.room.unit)
    const date = formatLocal(ctx.now).split(' ')[0]
    if (report.kind === 'list') {
      if (report.total === 0) return ctx.reply(`${report.unit.name} ${date} 还没有签到。`)
      const lines = report.items.map((c) =>
        [formatLocal(c.at, false), c.name, kindLabel(c.type), c.households ? `${c.households}户` : '', c.note ?? '', c.address ? `📍${c.address}` : '']
          .filter(Boolean)
          .join(' '),
      )
      const more = report.total > report.items.length ? `\n……另有 ${report.total - report.items.length} 条` : ''
      // Per kind (of the listed ones): 巡查 2、宣传 1.
      const kinds = new Map<string, number>()
      for (const c of report.items) kinds.set(kindLabel(c.type), (kinds.get(kindLabel(c.type)) ?? 0) + 1)
      const byKind = [...kinds].map(([k, n]) => `${k} ${n}`).join('、')
      return ctx.reply(`${report.unit.name} ${date} 签到 ${report.total} 次(${byKind}):\n${lines.join('\n')}${more}`)
    }
    const total = report.rows.reduce((s, r) => s + r.count, 0) + report.own
    const silent = report.rows.filter((r) => r.count === 0)
    const lines = [...report.rows]
      .sort((a, b) => b.count - a.count)
      .filter((r) => r.count > 0)
      .map((r) => `${r.unit.name}:${r.count} 次${r.households ? `,${r.households}户` : ''}`)
    const silentLine = silent.length
      ? `\n未签到(${silent.length}):${silent
          .slice(0, 30)
          .map((r) => r.unit.name)
          .join('、')}${silent.length > 30 ? '……' : ''}`
      : ''
    const own = report.own ? `\n本级:${report.own} 次` : ''
    // Per kind, in the district's order (policy checkinKinds): 巡查 5、走访 2.
    const kinds = (await unitContext(ctx.work.db, ctx.room.unit)).policy.checkinKinds
    const codes = [...new Set([...kinds.map((k) => k.code), ...report.byType.keys()])].filter((c) => report.byType.get(c))
    const byKind = codes.length ? `(${codes.map((c) => `${kindLabel(c, kinds)} ${report.byType.get(c)}`).join('、')})` : ''
    ctx.reply(`${report.unit.name} ${date} 共签到 ${total} 次${byKind}\n${lines.join('\n') || '(下级单位都还没有签到)'}${own}${silentLine}`)
  },
}
