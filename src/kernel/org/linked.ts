// A roster entry may have no contact id yet (listed by name, waiting for #登记). Such an entry authorizes nobody
// and cannot be @-ed, so every query that yields people who act or are told something keeps linked rows only:
// the where clause (`LINKED`) does it in the database, `linked` narrows the row type to match.

/** Prisma where-fragment: the member has a contact id. */
export const LINKED = { wxid: { not: null } } as const

export type Linked<T> = T & { wxid: string }

export const isLinked = <T extends { wxid: string | null }>(row: T): row is Linked<T> => row.wxid !== null

export const linked = <T extends { wxid: string | null }>(rows: T[]): Linked<T>[] => rows.filter(isLinked)

export const linkedOrNull = <T extends { wxid: string | null }>(row: T | null): Linked<T> | null => (row && isLinked(row) ? row : null)
