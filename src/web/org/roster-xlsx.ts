// The roster of a subtree as an .xlsx for the office: one row per member, Chinese headers, then the groups.
import ExcelJS from 'exceljs'
import { ROLE_LABEL, type Role } from '../../kernel/org/org.types.ts'
import { webTexts } from '../texts.ts'
import type { RosterUnit } from './org-view.ts'

const t = webTexts.roster

export async function rosterWorkbook(roster: RosterUnit[]): Promise<Buffer> {
  const names = new Map(roster.map((u) => [u.id, u.name]))
  const wb = new ExcelJS.Workbook()
  const people = wb.addWorksheet(t.people)
  people.columns = [
    { header: t.name, key: 'name', width: 12 },
    { header: t.role, key: 'role', width: 10 },
    { header: t.unit, key: 'unit', width: 20 },
    { header: t.parent, key: 'parent', width: 20 },
    { header: t.wxid, key: 'wxid', width: 22 },
    { header: t.teams, key: 'teams', width: 24 },
    { header: t.duties, key: 'duties', width: 16 },
    { header: t.rooms, key: 'rooms', width: 40 },
  ]
  for (const u of roster)
    for (const m of u.members)
      people.addRow({
        name: m.name,
        role: ROLE_LABEL[m.role as Role],
        unit: u.name,
        parent: u.parentId ? (names.get(u.parentId) ?? '') : '',
        wxid: m.wxid,
        teams: m.teams.join('、'),
        duties: m.duties.join('、'),
        rooms: m.roomTopics.join('、'),
      })
  const rooms = wb.addWorksheet(t.groups)
  rooms.columns = [
    { header: t.topic, key: 'topic', width: 24 },
    { header: t.unit, key: 'unit', width: 20 },
    { header: t.account, key: 'account', width: 12 },
    { header: t.bound, key: 'bound', width: 8 },
  ]
  for (const u of roster) for (const r of u.rooms) rooms.addRow({ topic: r.topic, unit: u.name, account: r.accountId, bound: r.wxRoomId ? t.yes : t.no })
  for (const ws of [people, rooms]) ws.getRow(1).font = { bold: true }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
