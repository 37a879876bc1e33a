// The one way a list of the subtree is shown (#需求列表, #任务列表, #隐患列表, #项目列表): lines grouped by unit (units
// in the order of their most urgent line, each unit's lines in the order given), cut into pages that fit one phone
// screen, each page but the last ending with "…另有 N 项" and the command for the next page. Pure: the capabilities
// sort their items, mask what leaves the owning unit, and hand the lines over.
import { must } from '../../core/must.ts'
import { AppError } from '../../core/errors.ts'
import { listTexts } from './list.texts.ts'

/** About one phone screen of Chinese text. */
export const PHONE_SCREEN = 800
/** A line longer than this is clipped, so a page always holds at least one. */
const MAX_LINE = 120
const PAGE_LABEL_RESERVE = 12

export interface ListEntry {
  unitId: number
  /** Already masked for the room it is read in. */
  line: string
}

export interface SubtreeListInput {
  head: string
  /** Most urgent first. */
  entries: ListEntry[]
  /** How many there are in all (more than entries when the caller fetched only the first ones). */
  total: number
  unitNames: ReadonlyMap<number, string>
  roomUnitId: number
  /** The unit the head names (the room's, or the one the list was narrowed to): its lines alone need no header. */
  scopeUnitId?: number
  /** 1-based. */
  page: number
  /** The list's command and the narrowing words typed, to repeat in the next page's command. */
  command: string
  words: string[]
  budget?: number
}

const clip = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}${listTexts.clipped}` : line)

/** Entries grouped by unit: units in the order of their first (most urgent) entry. */
export function groupByUnit(entries: ListEntry[]): ListEntry[] {
  const groups = new Map<number, ListEntry[]>()
  for (const e of entries) groups.set(e.unitId, [...(groups.get(e.unitId) ?? []), e])
  return [...groups.values()].flat()
}

interface Layout {
  ordered: ListEntry[]
  headers: boolean
  /** Indexes into ordered, one array a page. */
  pages: number[][]
  /** Entries a unit has in the whole list (its header says so on every page). */
  counts: Map<number, number>
}

function layout(a: SubtreeListInput): Layout {
  const budget = a.budget ?? PHONE_SCREEN
  const ordered = groupByUnit(a.entries)
  const counts = new Map<number, number>()
  for (const e of ordered) counts.set(e.unitId, (counts.get(e.unitId) ?? 0) + 1)
  const units = new Set(counts.keys())
  const headers = !(units.size === 1 && units.has(a.scopeUnitId ?? a.roomUnitId))
  const footer = `${listTexts.more(a.total, listTexts.nextPage(a.command, a.words, 99))}\n${listTexts.narrow(`${a.command} ${[...a.unitNames.values()].sort((x, y) => y.length - x.length)[0] ?? ''}`)}`
  const pages: number[][] = []
  let i = 0
  while (i < ordered.length) {
    let len = a.head.length + PAGE_LABEL_RESERVE
    let last: number | null = null
    const page: number[] = []
    while (i < ordered.length) {
      const e = must(ordered[i], 'LIST_ENTRY')
      const group = headers && e.unitId !== last ? listTexts.group(a.unitNames.get(e.unitId) ?? '', counts.get(e.unitId) ?? 0).length + 1 : 0
      const add = group + clip(e.line).length + 1 + (headers ? 2 : 0)
      if (page.length && len + add + footer.length + 1 > budget) break
      page.push(i)
      len += add
      last = e.unitId
      i++
    }
    pages.push(page)
  }
  return { ordered, headers, pages, counts }
}

/** One page of the list as one message of at most `budget` characters. */
export function renderSubtreeList(a: SubtreeListInput): string {
  const { ordered, headers, pages, counts } = layout(a)
  const shown = pages[a.page - 1]
  if (!shown)
    throw new AppError(
      'LIST_NO_SUCH_PAGE',
      `list page ${a.page} of ${pages.length}`,
      listTexts.noSuchPage(a.page, pages.length, [a.command, ...a.words].join(' ')),
    )
  // The page number ends the head's first line.
  const [title, ...more] = a.head.split('\n')
  const lines = [pages.length > 1 ? `${title}${listTexts.page(a.page, pages.length)}` : (title ?? ''), ...more]
  let last: number | null = null
  for (const i of shown) {
    const e = must(ordered[i], 'LIST_ENTRY')
    if (headers && e.unitId !== last) lines.push(listTexts.group(a.unitNames.get(e.unitId) ?? '', counts.get(e.unitId) ?? 0))
    lines.push(headers ? `  ${clip(e.line)}` : clip(e.line))
    last = e.unitId
  }
  const rest = a.total - (must(shown.at(-1), 'LIST_PAGE_EMPTY') + 1)
  if (rest > 0) {
    lines.push(listTexts.more(rest, listTexts.nextPage(a.command, a.words, a.page + 1)))
    // On the first page of a list of several units: how to see only one of them.
    const other = ordered.find((e) => e.unitId !== a.roomUnitId)
    if (a.page === 1 && !a.words.length && headers && other) lines.push(listTexts.narrow(`${a.command} ${a.unitNames.get(other.unitId) ?? ''}`))
  }
  return lines.join('\n')
}

/** What a list service found (its scope, entries, total, unit names) as one page for the room it is read in. */
export function renderListPage(
  r: { scope: { id: number }; entries: ListEntry[]; total: number; unitNames: ReadonlyMap<number, string> },
  head: string,
  at: { roomUnitId: number; page: number; words: string[]; command: string },
): string {
  return renderSubtreeList({ head, entries: r.entries, total: r.total, unitNames: r.unitNames, scopeUnitId: r.scope.id, ...at })
}
