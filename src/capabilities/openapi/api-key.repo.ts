// The open API's tables: keys, the audit of calls (the only Prisma for them).
import type { DbOrTx } from '../../db/client.ts'

export const apiKeyRepo = {
  create: (db: DbOrTx, data: { unitId: number; name: string; hash: string; prefix: string; write: boolean; createdAt: Date }) => db.apiKey.create({ data }),
  byName: (db: DbOrTx, unitId: number, name: string) => db.apiKey.findUnique({ where: { unitId_name: { unitId, name } } }),
  byHash: (db: DbOrTx, hash: string) => db.apiKey.findUnique({ where: { hash }, include: { unit: true } }),
  byId: (db: DbOrTx, id: number) => db.apiKey.findUnique({ where: { id } }),
  /** Every key, with its unit's name, newest first; `named`: only keys of that name (any unit). */
  list: (db: DbOrTx, named?: string) =>
    db.apiKey.findMany({ where: named ? { name: named } : {}, include: { unit: { select: { name: true } } }, orderBy: { id: 'desc' } }),
  revoke: (db: DbOrTx, id: number, at: Date) => db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } }),
  audit: (db: DbOrTx, data: { keyId: number | null; at: Date; method: string; path: string; status: number; ip: string | null }) => db.apiCall.create({ data }),
  calls: (db: DbOrTx, keyId: number) => db.apiCall.findMany({ where: { keyId }, orderBy: { id: 'asc' } }),
}

/** Units of this name in any district (a key's `--unit`). */
export const unitsNamed = (db: DbOrTx, name: string) => db.unit.findMany({ where: { name }, orderBy: { id: 'asc' } })
