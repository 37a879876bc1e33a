// A pasted list (issue #23): "#需求" followed by several items, one a line or numbered (1. 2、 3） ① ②, 一、二、, - •),
// or numbered on one line ("1.王奶奶家漏水 2.李大爷要助浴"). Each item becomes its own record. Pure; table-tested in
// test/unit/list-items.test.ts.
import { group } from '../core/match-group.ts'

/** More than this many items in one message is refused (a paste gone wrong, or a whole sheet). */
export const MAX_ITEMS = 20

/** A line's list marker: 1. 1、 1） (1) ① 一、 - • ·, followed by the item. */
const MARKER = /^\s*(?:[(（]?[0-9０-９]{1,2}[.、．)）](?![0-9０-９])|[(（][0-9０-９]{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}[、.．]|[-•·*●▪])\s*/u
/** Numbered items run together on one line: "1.xxx 2.yyy", "①xxx②yyy". */
const INLINE = /(?:^|[\s，,;；。])(\d{1,2})[.、．)）]\s*|([①-⑳])\s*/gu
/** A heading line before the items: "本周需求:", "以下三条:" */
const HEADING = /[:：]$/u

/**
 * The items of a text, as typed, or null when it is one item (a single line, or lines that read as one text).
 * Lines that carry a marker start items; an unmarked line after a marked one continues it. Without any marker, each
 * non-empty line is an item.
 */
export function listItems(text: string): string[] | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  if (lines.length >= 2) {
    const first = lines[0] ?? ''
    const body = HEADING.test(first) && !MARKER.test(first) ? lines.slice(1) : lines
    const marked = body.filter((l) => MARKER.test(l)).length
    let items: string[]
    // Unmarked lines that end mid-sentence (，、) are one text broken over lines, not a list.
    if (marked === 0 && body.some((l) => /[，,、]$/u.test(l))) return null
    if (marked === 0) items = body
    else {
      if (!MARKER.test(body[0] ?? '')) return inline(text)
      items = []
      for (const l of body) {
        if (MARKER.test(l)) items.push(l.replace(MARKER, '').trim())
        else items[items.length - 1] += `\n${l}`
      }
    }
    items = items.filter(Boolean)
    return items.length >= 2 ? items : null
  }
  return inline(text)
}

/** "1.王奶奶家漏水 2.李大爷要助浴 3.路灯坏了": numbered 1, 2, 3 … in order on one line. */
function inline(text: string): string[] | null {
  const one = text.trim()
  const marks: { at: number; end: number; n: number }[] = []
  for (const m of one.matchAll(INLINE)) {
    const n = m[1] ? Number(m[1]) : (group(m, 2).codePointAt(0) ?? 0) - 0x2460 + 1
    const at = m.index + (m[0].length - m[0].trimStart().length)
    marks.push({ at, end: m.index + m[0].length, n })
  }
  // Only a run counted from 1 in steps of 1 ("3号楼 2.5米" is no list).
  const run = marks.filter((m, i) => m.n === i + 1)
  if (run.length < 2 || run.length !== marks.filter((m) => m.n <= run.length).length || run[0]?.at !== 0) return null
  const items = run.map((m, i) =>
    one
      .slice(m.end, run[i + 1]?.at ?? one.length)
      .replace(/[\s，,;；。]+$/u, '')
      .trim(),
  )
  return items.every(Boolean) ? items : null
}
