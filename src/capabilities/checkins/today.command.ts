import { formatLocal } from '../../core/time.ts'
import { todayReport, type TodayReport } from './checkin.service.ts'
import { kindLabel } from '../../kernel/texts/checkin-kinds.texts.ts'
import { checkinCommandTexts, checkinTexts } from './checkin.texts.ts'
import { ok, type CommandDef } from '../../pipeline/command.ts'
import { unitContext } from '../../kernel/org/unit-context.ts'

/** A grid's day: its check-ins listed, with counts per kind of the listed ones. */
function listText(report: Extract<TodayReport, { kind: 'list' }>, date: string) {
  if (report.total === 0) return checkinTexts.todayNone(report.unit.name, date)
  const lines = report.items.map((c) => checkinTexts.todayItem(c))
  const kinds = new Map<string, number>()
  for (const c of report.items) kinds.set(kindLabel(c.type), (kinds.get(kindLabel(c.type)) ?? 0) + 1)
  return checkinTexts.todayList(report.unit.name, date, report.total, [...kinds], lines, report.items.length)
}

export const todayCommand: CommandDef<null> = {
  access: 'member',
  ...checkinCommandTexts.today,
  parse: () => ok(null),
  async run(ctx) {
    const report = await todayReport(ctx.work, ctx.room.unit)
    const date = formatLocal(ctx.now).split(' ')[0] ?? ''
    if (report.kind === 'list') return ctx.reply(listText(report, date))
    const total = report.rows.reduce((s, r) => s + r.count, 0) + report.own
    const lines = [...report.rows]
      .sort((a, b) => b.count - a.count)
      .filter((r) => r.count > 0)
      .map((r) => checkinTexts.todayChildLine(r.unit.name, r.count, r.households))
    // Per kind, in the district's order (policy checkinKinds): 巡查 5、走访 2.
    const kinds = (await unitContext(ctx.work.db, ctx.room.unit)).policy.checkinKinds
    const codes = [...new Set([...kinds.map((k) => k.code), ...report.byType.keys()])].filter((c) => report.byType.get(c))
    const byKind: [string, number][] = codes.map((c) => [kindLabel(c, kinds), report.byType.get(c) ?? 0])
    const silent = report.rows.filter((r) => r.count === 0).map((r) => r.unit.name)
    ctx.reply(checkinTexts.todayChildren({ unitName: report.unit.name, date, total, byKind, lines, own: report.own, silent }))
  },
}
