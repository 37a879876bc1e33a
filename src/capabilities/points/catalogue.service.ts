// The org file's `catalogue:` into the database, idempotently (a second import changes nothing). Stock: the file's
// `stock` is what was supplied. A new item starts with it; raising it in a later file adds the difference to what
// is left (lowering it takes the difference back, never below zero); the same figure again changes nothing, so
// redemptions made in between are never undone by a re-import. Items missing from a later file are withdrawn
// (no longer redeemable), never deleted: their redemptions and codes stay valid.
import { catalogueTexts } from './points-commands.texts.ts'
import type { DbOrTx } from '../../db/client.ts'
import { toCenti } from './points-rules.ts'
import { pointsRepo } from './points.repo.ts'
import type { CatalogueItem } from './points.types.ts'

export interface CatalogueSpec {
  item: string
  points: number
  stock: number
  unit: string
  provider?: { wxid?: string; name?: string }
  currency?: boolean
}

export async function importCatalogue(db: DbOrTx, districtId: number, specs: CatalogueSpec[], unitIdByName: (name: string) => number): Promise<string[]> {
  const lines: string[] = []
  const existing = new Map(((await pointsRepo.itemsOfDistrict(db, districtId)) as CatalogueItem[]).map((i) => [`${i.unitId}|${i.name}`, i]))
  const seen = new Set<string>()
  for (const s of specs) {
    const unitId = unitIdByName(s.unit)
    const key = `${unitId}|${s.item}`
    seen.add(key)
    const data = {
      centi: toCenti(s.points),
      providerWxid: s.provider?.wxid ?? null,
      providerName: s.provider?.name ?? null,
      active: true,
      currency: s.currency ?? false,
    }
    const row = existing.get(key)
    if (!row) {
      await pointsRepo.createItem(db, { districtId, unitId, name: s.item, stock: s.stock, supplied: s.stock, ...data })
      lines.push(catalogueTexts.added(s))
      continue
    }
    const changed =
      row.centi !== data.centi ||
      row.providerWxid !== data.providerWxid ||
      row.providerName !== data.providerName ||
      !row.active ||
      row.currency !== data.currency
    if (changed) await pointsRepo.updateItem(db, row.id, data)
    if (row.supplied !== s.stock) await pointsRepo.restock(db, row.id, s.stock - row.supplied, s.stock)
    if (changed || row.supplied !== s.stock) lines.push(catalogueTexts.changed(s.item, s.stock - row.supplied))
  }
  for (const [key, row] of existing) {
    if (seen.has(key) || !row.active) continue
    await pointsRepo.updateItem(db, row.id, { active: false })
    lines.push(catalogueTexts.withdrawn(row.name))
  }
  return lines
}

/** The district's redeemable items in the org file's form (`gridbot org export`): stock is what was supplied. */
export async function exportCatalogue(db: DbOrTx, districtId: number, unitName: (id: number) => string | undefined): Promise<CatalogueSpec[]> {
  const items = ((await pointsRepo.itemsOfDistrict(db, districtId)) as CatalogueItem[]).filter((i) => i.active).sort((a, b) => a.id - b.id)
  return items.flatMap((i) => {
    const unit = unitName(i.unitId)
    if (!unit) return []
    const provider =
      i.providerWxid || i.providerName
        ? { ...(i.providerWxid ? { wxid: i.providerWxid } : {}), ...(i.providerName ? { name: i.providerName } : {}) }
        : undefined
    return [{ item: i.name, points: i.centi / 100, stock: i.supplied, unit, ...(provider ? { provider } : {}), ...(i.currency ? { currency: true } : {}) }]
  })
}
