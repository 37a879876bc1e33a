// Writes an org spec as the files `loadOrgFile` reads: YAML (everything the spec holds) or the office's xlsx sheet
// (区 镇街 社区 网格 群名 姓名 微信ID 角色 账号 群ID 手机 备用账号 管理员群 队伍 职责, and a 设置 sheet for accounts, policies and
// the catalogue). What one format can say, reading it back gives again.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import ExcelJS from 'exceljs'
import YAML from 'yaml'
import { HEADERS, SETTINGS_HEADERS, SETTINGS_SHEET, SETTING_KINDS, sheetWords } from './org-file.texts.ts'
import type { OrgSpec, UnitSpec } from './org-spec.ts'

/** The sheet's word for each role (the reader knows them all). */
const ROLE_WORD: Record<OrgSpec['members'][number]['role'], string> = sheetWords.role
const COLUMN_OF = { town: 1, community: 2, grid: 3 } as const

export async function writeOrgFile(file: string, spec: OrgSpec): Promise<void> {
  if (path.extname(file).toLowerCase() === '.xlsx') return writeFile(file, await orgSheet(spec))
  await writeFile(file, YAML.stringify(spec))
}

/** One row per group (declaring it and its unit), one per person and group, one per unit with neither. */
export async function orgSheet(spec: OrgSpec): Promise<Buffer> {
  const chains = new Map<string, string[]>([[spec.district, [spec.district, '', '', '']]])
  const walk = (list: UnitSpec[], parent: string[]) => {
    for (const u of list) {
      const chain = [...parent]
      if (u.kind !== 'district') chain[COLUMN_OF[u.kind]] = u.name
      chains.set(u.name, chain)
      walk(u.children ?? [], chain)
    }
  }
  walk(spec.units, [spec.district, '', '', ''])
  const keys = Object.keys(HEADERS) as (keyof typeof HEADERS)[]
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheetWords.roster)
  ws.columns = keys.map((k) => ({ header: HEADERS[k], key: k, width: k === 'wxid' || k === 'roomId' ? 24 : 14 }))
  ws.getRow(1).font = { bold: true }
  const unitCells = (unit: string) => {
    const [district, town, community, grid] = chains.get(unit) ?? [spec.district, '', '', '']
    return { district, town, community, grid }
  }
  const roomOf = new Map(spec.rooms.map((r) => [r.topic, r]))
  const said = new Set<string>()
  for (const r of spec.rooms) {
    ws.addRow({
      ...unitCells(r.unit),
      room: r.topic,
      account: r.account ?? '',
      roomId: r.wxRoomId ?? '',
      backups: r.accounts.join(','),
      adminRoom: r.admin ? sheetWords.yes : '',
    })
    said.add(r.unit)
  }
  for (const m of spec.members) {
    // A person without a contact id is one row (rows cannot be told apart without one); with it, a row per group.
    const topics = m.rooms.length ? (m.wxid ? m.rooms : m.rooms.slice(0, 1)) : ['']
    for (const t of topics)
      ws.addRow({
        ...unitCells(m.unit),
        room: t,
        account: roomOf.get(t)?.account ?? '',
        roomId: roomOf.get(t)?.wxRoomId ?? '',
        name: m.name,
        wxid: m.wxid ?? '',
        role: ROLE_WORD[m.role],
        phone: m.phone ?? '',
        teams: m.teams.join(','),
        duties: m.duties.join(','),
      })
    said.add(m.unit)
  }
  for (const name of chains.keys()) if (!said.has(name) && name !== spec.district) ws.addRow(unitCells(name))
  settingsSheet(wb, spec)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** What the roster's columns cannot hold — accounts' names and pace, units' policies, the points catalogue — on a
 *  second sheet, one row each (kind, name, YAML), so an exported sheet imported again keeps them (org-file.ts). */
function settingsSheet(wb: ExcelJS.Workbook, spec: OrgSpec): void {
  const ws = wb.addWorksheet(SETTINGS_SHEET)
  ws.columns = [
    { header: SETTINGS_HEADERS.kind, key: 'kind', width: 10 },
    { header: SETTINGS_HEADERS.name, key: 'name', width: 24 },
    { header: SETTINGS_HEADERS.yaml, key: 'yaml', width: 80 },
  ]
  ws.getRow(1).font = { bold: true }
  const row = (kind: string, name: string, value: unknown) => ws.addRow({ kind, name, yaml: YAML.stringify(value).trimEnd() })
  for (const a of spec.accounts)
    row(SETTING_KINDS.account, a.id, { ...(a.name ? { name: a.name } : {}), ...(a.messagesPerSec ? { messagesPerSec: a.messagesPerSec } : {}) })
  if (spec.policies) row(SETTING_KINDS.policies, spec.district, spec.policies)
  const walk = (list: UnitSpec[]) => {
    for (const u of list) {
      if (u.policies) row(SETTING_KINDS.policies, u.name, u.policies)
      walk(u.children ?? [])
    }
  }
  walk(spec.units)
  for (const c of spec.catalogue) row(SETTING_KINDS.catalogue, c.item, c)
}
