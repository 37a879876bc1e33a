// Which month `#导出 台账 [本月|上月|11月|2026-11]` names, relative to `now` (default 本月); pure, table-tested in
// test/unit/ledger-rules.test.ts. A month not begun yet is refused; so is anything that is not one month.
import { toLocal } from '../../core/local-time.ts'
import { parsePeriod } from '../../parser/period.ts'
import { ledgerTexts as t } from './ledger.texts.ts'

export type LedgerMonth = { ok: true; month: string; label: string } | { ok: false; problem: string }

export function ledgerMonthOf(word: string | undefined, now: Date): LedgerMonth {
  const w = (word ?? '').trim() || t.defaultMonth

  const p = parsePeriod(w, now)
  if (p?.kind !== 'month') return { ok: false, problem: t.badPeriod(w) }
  if (p.from.getTime() > now.getTime()) return { ok: false, problem: t.futureMonth }
  const l = toLocal(p.from)
  return { ok: true, month: `${l.year}-${String(l.month).padStart(2, '0')}`, label: t.monthLabel(l.year, l.month) }
}

/** The file name people see: 台账-华府社区-2026年11月.xlsx. */
export const ledgerFileName = (unitName: string, label: string) => `${t.fileStem}-${unitName}-${label}.xlsx`

/** A `#导出 台账` request's states: built and posted (done), or given up after the last attempt (failed). */
export type LedgerExportStatus = 'pending' | 'done' | 'failed'
export const LEDGER_EXPORT_TRANSITIONS: Record<LedgerExportStatus, readonly LedgerExportStatus[]> = { pending: ['done', 'failed'], done: [], failed: [] }
export const canMoveExport = (from: string, to: LedgerExportStatus) => (LEDGER_EXPORT_TRANSITIONS[from as LedgerExportStatus] ?? []).includes(to)
