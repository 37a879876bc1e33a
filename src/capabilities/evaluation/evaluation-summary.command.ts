// The reply of "#评价 汇总 [本季]": the grade counts of each unit one level down, one phone screen a page.
import { renderSubtreeList } from '../../kernel/lists/subtree-list.ts'
import type { CommandContext } from '../../pipeline/command.ts'
import { gradeSummary } from './evaluation-summary.service.ts'
import { summaryTexts } from './evaluation-summary.texts.ts'
import type { Period } from './periods.ts'

export async function replyGradeSummary(ctx: CommandContext<{ periodWord: string; page: number }>, period: Period) {
  const unit = ctx.room.unit
  const r = await gradeSummary(ctx.work, { viewer: ctx.member, room: ctx.room, period })
  if (!r.cadres) return ctx.reply(summaryTexts.none(unit.name))
  ctx.reply(
    renderSubtreeList({
      head: summaryTexts.head(unit.name, period.label, r.total),
      entries: r.lines.map((l) => ({ unitId: unit.id, line: summaryTexts.line(l) })),
      total: r.lines.length,
      unitNames: new Map([[unit.id, unit.name]]),
      roomUnitId: unit.id,
      page: ctx.args.page,
      command: summaryTexts.command([]),
      words: [ctx.args.periodWord],
    }),
  )
}
