// The reply of "#排行 [本月|本季|本年] 网格|社区|街道" in a group above that level: one line a unit, the asker's own
// unit marked (and named at the end when on another page), one phone screen a page.
import { PHONE_SCREEN, renderSubtreeList } from '../../kernel/lists/subtree-list.ts'
import type { UnitKind } from '../../kernel/org/org.types.ts'
import type { CommandContext } from '../../pipeline/command.ts'
import type { PeriodKind } from './points-rules.ts'
import { unitRanking } from './unit-ranking.service.ts'
import { unitRankTexts } from './unit-ranking.texts.ts'

export async function replyUnitRanking(ctx: CommandContext<unknown>, a: { level: UnitKind; period: PeriodKind; page: number; words: string[] }) {
  const unit = ctx.room.unit
  const r = await unitRanking(ctx.work, { roomUnit: unit, asker: ctx.member, level: a.level, period: a.period })
  if (!r.lines.length) return ctx.reply(unitRankTexts.none(unit.name, a.level))
  const own = r.lines.find((l) => l.own)
  const ownLine = own ? unitRankTexts.own(own, r.lines.length) : ''
  const entries = r.lines.map((l) => ({ unitId: unit.id, line: unitRankTexts.line(l) }))
  const page = renderSubtreeList({
    head: unitRankTexts.head(unit.name, r.periodLabel, a.level, r.lines.length),
    entries,
    total: entries.length,
    unitNames: new Map([[unit.id, unit.name]]),
    roomUnitId: unit.id,
    page: a.page,
    command: unitRankTexts.command([]),
    words: a.words,
    budget: PHONE_SCREEN - ownLine.length - 1,
  })
  ctx.reply(own && !page.includes(unitRankTexts.line(own)) ? `${page}\n${ownLine}` : page)
}
