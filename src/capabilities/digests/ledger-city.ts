// A city's 台账 (issue #26): the city's own records and each district's, sheet by sheet, in one workbook. Ids stay per
// district, so every row starts with whose it is (二七区's T1 and 惠济区's T1 are two rows).
import type { LedgerSheet } from './ledger-writer.ts'
import { ledgerTexts as t } from './ledger.texts.ts'

export function mergeDistrictSheets(parts: { label: string; sheets: LedgerSheet[] }[]): LedgerSheet[] {
  const first = parts[0]?.sheets ?? []
  return first.map((sheet, i) => ({
    ...sheet,
    headers: [t.districtColumn, ...sheet.headers],
    rows: parts.flatMap((p) => (p.sheets[i]?.rows ?? []).map((r) => [p.label, ...r])),
  }))
}
