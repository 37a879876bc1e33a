// What may follow a list command: a page ("第2页", "2页", "p2"), words naming a state of the list ("逾期", "未认领",
// "我的" …, each list its own), and the rest a unit of the subtree ("华府社区5号网格"). "全部" (the whole subtree,
// once needed above a grid) is still accepted and changes nothing: every list shows the subtree.
import { bareWord } from './refs.ts'

export interface ListArgs<S extends string> {
  page: number
  states: S[]
  /** The unit named, or null for the room's own unit and all below it. */
  unit: string | null
  /** The words as typed, without the page: kept for the next page's command. */
  words: string[]
}

const PAGE = /^(?:第\s*(\d{1,4})\s*页|(\d{1,4})\s*页|p(\d{1,4}))$/i
const ALL = new Set(['全部', 'all', '所有'])

/** Task states people type. */
export const TASK_STATE_WORDS = {
  逾期: 'overdue',
  超期: 'overdue',
  未认领: 'unclaimed',
  待认领: 'unclaimed',
  已认领: 'claimed',
  办理中: 'claimed',
  我的: 'mine',
  紧急: 'urgent',
} as const
/** Need states people type. */
export const NEED_STATE_WORDS = { 我的: 'mine', 我记的: 'mine' } as const
/** Hazard states people type. */
export const HAZARD_STATE_WORDS = {
  紧急: 'urgent',
  待受理: 'reported',
  未受理: 'reported',
  已受理: 'acknowledged',
  处置中: 'in_progress',
  待核实: 'resolved',
  已办结: 'resolved',
  重办: 'reopened',
  待确认: 'screening',
  我的: 'mine',
} as const
/** Project states people type. */
export const PROJECT_STATE_WORDS = { 待领题: 'open', 未领题: 'open', 进行中: 'claimed', 已完成: 'done', 我的: 'mine' } as const

/** "第2页", "2页", "p2" → 2; null for any other word. */
export function pageWord(word: string): number | null {
  const p = PAGE.exec(bareWord(word))
  return p ? Math.max(1, Number(p[1] ?? p[2] ?? p[3])) : null
}

/** "#评价 汇总": counts instead of the table. */
export const SUMMARY_WORDS = new Set(['汇总', '统计'])

export function parseListArgs<S extends string>(argv: string[], vocabulary: Readonly<Record<string, S>>): ListArgs<S> {
  let page = 1
  const states: S[] = []
  const unit: string[] = []
  const words: string[] = []
  for (const raw of argv) {
    const w = bareWord(raw)
    if (!w || ALL.has(w.toLowerCase())) continue
    const p = pageWord(w)
    if (p) {
      page = p
      continue
    }
    words.push(w)
    const state = vocabulary[w]
    if (state && !states.includes(state)) states.push(state)
    else if (!state) unit.push(w)
  }
  return { page, states, unit: unit.length ? unit.join('') : null, words }
}
