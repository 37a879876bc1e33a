// Which member row each roster entry of the org file is. A contact id names one person wherever they are; an entry
// without one (listed by name, linked later in chat) is its unit's row of that name. The rule that matters: a
// re-import never unlinks someone who linked themselves in chat, and when the file does carry an id, the file wins.

export interface RosterEntry {
  name: string
  unitId: number
  wxid?: string
  phone?: string
  role?: string
}

export interface RosterRow {
  id: number
  name: string
  unitId: number
  wxid: string | null
  phone: string | null
  /** 'file' | 'chat' | null */
  linkedVia: string | null
  role?: string
}

export interface RosterMatch {
  /** The row this entry is, or null: a new row. */
  rowId: number | null
  /** The contact id the row should carry after import (the file's, else the row's own). */
  wxid: string | null
  /** The row was linked to another id, and the file's id replaces it (logged and reported). */
  replacedWxid: string | null
}

/** Entries matched in order; rows left over are the ones the file no longer lists. */
export function matchRoster<R extends RosterRow>(entries: RosterEntry[], rows: R[]): { matches: RosterMatch[]; leftOver: R[] } {
  const used = new Set<number>()
  const byWxid = new Map(rows.flatMap((r) => (r.wxid ? [[r.wxid, r] as const] : [])))
  const result: (RosterMatch | null)[] = entries.map((e) => {
    const row = e.wxid ? byWxid.get(e.wxid) : undefined
    if (!row || !e.wxid) return null
    used.add(row.id)
    return { rowId: row.id, wxid: e.wxid, replacedWxid: null }
  })
  entries.forEach((e, i) => {
    if (result[i]) return
    // A row of the same name in the same unit. With an id in the file, only a row it may take over: one not yet
    // linked, or linked in chat (the file wins). Rows with the same phone first, then the same role (namesakes
    // keep their roles), then the oldest.
    const candidates = rows
      .filter((r) => !used.has(r.id) && r.name === e.name && r.unitId === e.unitId)
      .filter((r) => !e.wxid || r.wxid === null || r.linkedVia === 'chat')
      .sort(
        (a, b) =>
          Number(samePhone(b.phone, e.phone)) - Number(samePhone(a.phone, e.phone)) || Number(b.role === e.role) - Number(a.role === e.role) || a.id - b.id,
      )
    const row = candidates[0]
    if (!row) {
      result[i] = { rowId: null, wxid: e.wxid ?? null, replacedWxid: null }
      return
    }
    used.add(row.id)
    const replaced = e.wxid && row.wxid && row.wxid !== e.wxid ? row.wxid : null
    result[i] = { rowId: row.id, wxid: e.wxid ?? row.wxid, replacedWxid: replaced }
  })
  return { matches: result as RosterMatch[], leftOver: rows.filter((r) => !used.has(r.id)) }
}

const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '')
export const samePhone = (a: string | null | undefined, b: string | null | undefined) => digits(a) !== '' && digits(a) === digits(b)
