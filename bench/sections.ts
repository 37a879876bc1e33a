// BENCHMARKS.md as sections: `npm run bench` replaces the sections it measures and keeps every other one (hand-written
// readings, one-off benchmarks, sections other scripts write) where it is. Pure: text in, text out.

/** In a measured section, the lines from this one to the section's end are notes written by hand: carried over. */
export const NOTES_MARK = '<!-- notes: kept by npm run bench -->'

export interface Section {
  /** The `## ` heading without its trailing parenthetical: "## Escalation at district scale (issue #3)" → "Escalation at district scale". */
  key: string
  text: string
}

/** What a heading is matched by: its words before a trailing "(…)", so "(issue #3)" or "(one-off, …)" may change. */
export function sectionKey(heading: string): string {
  return heading
    .replace(/^##\s+/, '')
    .replace(/\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*$/, '')
    .trim()
}

/** The text before the first `## ` heading, then each `## ` section (headings inside ``` fences do not count). */
export function splitSections(text: string): { preamble: string; sections: Section[] } {
  const lines = text.split('\n')
  const starts: number[] = []
  let fenced = false
  lines.forEach((l, i) => {
    if (/^\s*```/.test(l)) fenced = !fenced
    else if (!fenced && /^## /.test(l)) starts.push(i)
  })
  const preamble = lines.slice(0, starts[0] ?? lines.length).join('\n')
  const sections = starts.map((s, j) => ({ key: sectionKey(lines[s]!), text: lines.slice(s, starts[j + 1] ?? lines.length).join('\n') }))
  return { preamble, sections }
}

const tidy = (t: string) => `${t.trim()}\n`

function withNotes(fresh: string, old: string | undefined): string {
  const at = old?.indexOf(NOTES_MARK) ?? -1
  if (at < 0 || fresh.includes(NOTES_MARK)) return fresh
  return `${fresh.trimEnd()}\n\n${old!.slice(at).trim()}`
}

/**
 * `old` with each of `fresh` (whole sections, from their `## ` heading) in place of the section of the same key,
 * keeping the old one's notes (NOTES_MARK to its end); every other section stays where it is. A fresh section
 * missing from `old` goes after the fresh section before it in `fresh` (else after the preamble). `preamble`, when
 * given (a full run), replaces the text before the first heading.
 */
export function mergeSections(old: string, fresh: string[], preamble?: string): string {
  const doc = splitSections(old)
  const out = doc.sections.map((s) => ({ ...s }))
  let previous = -1 // index in `out` of the last fresh section placed
  for (const f of fresh) {
    if (!f.startsWith('## ')) throw new Error(`not a section (no "## " heading): ${f.slice(0, 60)}`)
    const key = sectionKey(f.split('\n', 1)[0]!)
    const at = out.findIndex((s) => s.key === key)
    if (at >= 0) {
      out[at] = { key, text: withNotes(f, out[at]!.text) }
      previous = at
    } else {
      out.splice(previous + 1, 0, { key, text: f })
      previous += 1
    }
  }
  const head = preamble ?? doc.preamble
  return [head, ...out.map((s) => s.text)]
    .map(tidy)
    .filter((t) => t.trim())
    .join('\n')
}
