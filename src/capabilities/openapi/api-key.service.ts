// API keys: created for a unit (its subtree is the key's scope), read or read-write; listed; revoked; and the key a
// request carries, checked. Refusals carry codes; the CLI words them.
import { refuser } from '../../core/errors.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import { hashApiKey, KEY_SHAPE, newApiKey, shownPrefix } from './api-key.ts'
import { apiKeyRepo, unitsNamed } from './api-key.repo.ts'
import { openApiTexts } from './openapi.texts.ts'
import { must } from '../../core/must.ts'

export type ApiKeyRefusal = 'API_UNIT_UNKNOWN' | 'API_UNIT_AMBIGUOUS' | 'API_KEY_NAME_TAKEN' | 'API_KEY_UNKNOWN' | 'API_KEY_NAME_EMPTY'
const refuse = refuser<ApiKeyRefusal>('openapi')

/** A key as a request sees it once checked: its id, scope and rights. */
export interface ApiPrincipal {
  keyId: number
  name: string
  write: boolean
  unit: Unit
}

export async function findUnit(db: DbOrTx, name: string, district?: string): Promise<Unit> {
  const all = await unitsNamed(db, name)
  const districtIds = district ? (await unitsNamed(db, district)).filter((d) => d.kind === 'district').map((d) => d.id) : null
  const units = districtIds ? all.filter((u) => districtIds.includes(u.districtId ?? u.id)) : all
  if (!units.length) throw refuse('API_UNIT_UNKNOWN', openApiTexts.unitUnknown(name))
  if (units.length > 1) throw refuse('API_UNIT_AMBIGUOUS', openApiTexts.unitAmbiguous(name))
  return must(units[0], 'API_UNIT_UNKNOWN')
}

export async function createApiKey(db: DbOrTx, a: { unit: string; district?: string; name: string; write: boolean; now: Date }) {
  const name = a.name.trim()
  if (!name) throw refuse('API_KEY_NAME_EMPTY', openApiTexts.keyNameEmpty())
  const unit = await findUnit(db, a.unit, a.district)
  if (await apiKeyRepo.byName(db, unit.id, name)) throw refuse('API_KEY_NAME_TAKEN', openApiTexts.keyNameTaken(unit.name, name))
  const key = newApiKey()
  const row = await apiKeyRepo.create(db, { unitId: unit.id, name, hash: hashApiKey(key), prefix: shownPrefix(key), write: a.write, createdAt: a.now })
  return { key, row, unit }
}

export const listApiKeys = (db: DbOrTx) => apiKeyRepo.list(db)

/** Revokes a key by its id or its name (a name used by keys of several units is refused: give the id). */
export async function revokeApiKey(db: DbOrTx, idOrName: string, now: Date) {
  const byId = /^\d+$/.test(idOrName) ? await apiKeyRepo.byId(db, Number(idOrName)) : null
  const named = byId ? [byId] : await apiKeyRepo.list(db, idOrName)
  const live = named.filter((k) => !k.revokedAt)
  if (!named.length) throw refuse('API_KEY_UNKNOWN', openApiTexts.keyUnknown(idOrName))
  if (live.length > 1)
    throw refuse(
      'API_UNIT_AMBIGUOUS',
      openApiTexts.keyAmbiguous(
        idOrName,
        live.map((k) => k.id),
      ),
    )
  const key = must(live[0] ?? named[0], 'API_KEY_UNKNOWN')
  const changed = (await apiKeyRepo.revoke(db, key.id, now)).count > 0
  return { key, changed }
}

/** The key a request carries, if it is one we issued and not revoked. */
export async function authenticate(db: DbOrTx, key: string | undefined): Promise<ApiPrincipal | null> {
  if (!key || !KEY_SHAPE.test(key)) return null
  const row = await apiKeyRepo.byHash(db, hashApiKey(key))
  if (!row || row.revokedAt) return null
  return { keyId: row.id, name: row.name, write: row.write, unit: row.unit }
}
