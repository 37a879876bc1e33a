// `policies.checkinKinds` (issue #23): the kinds of check-in a district records, each with the words people type
// for it. A name that is one of the defaults (巡查 …) keeps its code and its default aliases, so rows recorded before
// read the same; a district's own kind (六员's 推广, say) is stored under its name. The list replaces the defaults;
// the first kind is the one a check-in that names none is recorded as. Validated at org import, nearest unit wins.
import { z } from 'zod'
import { checkinKindProblems, DEFAULT_CHECKIN_KINDS, type CheckinKind } from '../texts/checkin-kinds.texts.ts'

const word = z.string().trim().min(1, checkinKindProblems.name).max(8, checkinKindProblems.name)
const RESERVED = /^(撤销|撤回|取消|undo|\d+\s*户|[一二三四五六七八九十两]+户)$/i

export const checkinKindsInput = z
  .array(z.union([word, z.object({ name: word, aliases: z.array(word).optional() }).strict()]))
  .min(1, checkinKindProblems.empty)
  .superRefine((list, ctx) => {
    const seen = new Set<string>()
    for (const k of list) {
      for (const w of typeof k === 'string' ? [k] : [k.name, ...(k.aliases ?? [])]) {
        const key = w.toLowerCase()
        if (RESERVED.test(w)) ctx.addIssue({ code: 'custom', message: checkinKindProblems.reserved(w) })
        else if (seen.has(key)) ctx.addIssue({ code: 'custom', message: checkinKindProblems.duplicate(w) })
        seen.add(key)
      }
    }
  })

/** The stored form: codes, names and aliases resolved once at import. */
export function toCheckinKinds(v: z.output<typeof checkinKindsInput>): CheckinKind[] {
  // A default alias the district lists itself (as a name or another kind's alias) is the district's, not the default's.
  const listed = new Set(v.flatMap((k) => (typeof k === 'string' ? [k] : [k.name, ...(k.aliases ?? [])])).map((w) => w.toLowerCase()))
  return v.map((k) => {
    const name = typeof k === 'string' ? k : k.name
    const own = typeof k === 'string' ? [] : (k.aliases ?? [])
    const base = DEFAULT_CHECKIN_KINDS.find((d) => d.label === name || d.code === name)
    const inherited = (base?.aliases ?? []).filter((a) => !listed.has(a.toLowerCase()))
    const aliases = [...new Set([...inherited, ...own])].filter((a) => a !== name)
    return { code: base?.code ?? name, label: name, aliases }
  })
}

/** The kind a typed word names (its name or an alias, case-insensitive), or null. */
export function kindOfWord(w: string, kinds: readonly CheckinKind[]): CheckinKind | null {
  const key = w.toLowerCase()
  return kinds.find((k) => k.label.toLowerCase() === key || k.aliases.some((a) => a.toLowerCase() === key)) ?? null
}
