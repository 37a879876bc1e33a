// The roster of a subtree as an .xlsx for the office: one row per member, Chinese headers, then the groups.
import ExcelJS from 'exceljs'
import { ROLE_LABEL, type Role } from '../../kernel/org/org.types.ts'
import type { RosterUnit } from './org-view.ts'

export async function rosterWorkbook(roster: RosterUnit[]): Promise<Buffer> {
  const names = new Map(roster.map((u) => [u.id, u.name]))
  const wb = new ExcelJS.Workbook()
  const people = wb.addWorksheet('花名册')
  people.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '角色', key: 'role', width: 10 },
    { header: '单位', key: 'unit', width: 20 },
    { header: '上级单位', key: 'parent', width: 20 },
    { header: '微信ID', key: 'wxid', width: 22 },
    { header: '队伍', key: 'teams', width: 24 },
    { header: '六员', key: 'duties', width: 16 },
    { header: '所在群', key: 'rooms', width: 40 },
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
  const rooms = wb.addWorksheet('群')
  rooms.columns = [
    { header: '群名', key: 'topic', width: 24 },
    { header: '单位', key: 'unit', width: 20 },
    { header: '账号', key: 'account', width: 12 },
    { header: '绑定', key: 'bound', width: 8 },
  ]
  for (const u of roster) for (const r of u.rooms) rooms.addRow({ topic: r.topic, unit: u.name, account: r.accountId, bound: r.wxRoomId ? '是' : '否' })
  for (const ws of [people, rooms]) ws.getRow(1).font = { bold: true }
  return Buffer.from(await wb.xlsx.writeBuffer())
}
