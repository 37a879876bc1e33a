// The onboarding rules, table by table: what #登记 leads to, who may #确认, how a registration's state moves,
// how the org import matches roster entries to rows, and the sheet written by `org export` read back.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { orgSpecSchema, validateOrg } from '../../src/config/org-spec.ts'
import { writeOrgFile } from '../../src/config/org-write.ts'
import type { Role } from '../../src/kernel/org/org.types.ts'
import { matchRoster, type RosterRow } from '../../src/kernel/org/roster-match.ts'
import {
  askFrom,
  isExpired,
  mayDecide,
  nextStatus,
  parseDecision,
  parseRegistration,
  PENDING_TTL_MS,
  PHONE_TRIES,
  phoneTriesLeft,
  REGISTRATION_TRANSITIONS,
  registrationOutcome,
  type RegistrationAction,
  type RegistrationStatus,
} from '../../src/capabilities/registration/registration-rules.ts'

const e = (id: number, role: Role, phone: string | null = null) => ({ id, role, phone })

describe('registrationOutcome', () => {
  const cases: [string, Parameters<typeof registrationOutcome>[0], string, number?][] = [
    ['nobody of that name', { unlinked: [], sameName: 0, phone4: null }, 'not_in_roster'],
    ['the one entry is linked already', { unlinked: [], sameName: 1, phone4: null }, 'already_linked'],
    ['unique grid cadre: at once', { unlinked: [e(1, 'grid_cadre')], sameName: 1, phone4: null }, 'link', 1],
    ['unique volunteer: at once', { unlinked: [e(1, 'volunteer')], sameName: 1, phone4: null }, 'link', 1],
    ['unique cadre, phone matches', { unlinked: [e(1, 'grid_cadre', '138 0000 1234')], sameName: 1, phone4: '1234' }, 'link', 1],
    // The phone is what a stranger showing the same display name lacks: without the digits a supervisor decides.
    ['unique cadre with a phone, none given: waits', { unlinked: [e(1, 'grid_cadre', '13800001234')], sameName: 1, phone4: null }, 'pending', 1],
    ['unique volunteer with a phone, none given: waits', { unlinked: [e(1, 'volunteer', '138-0000-1234')], sameName: 1, phone4: null }, 'pending', 1],
    ['a phone field without digits is no phone: at once', { unlinked: [e(1, 'grid_cadre', '无')], sameName: 1, phone4: null }, 'link', 1],
    ['phone differs', { unlinked: [e(1, 'grid_cadre', '13800001234')], sameName: 1, phone4: '9999' }, 'phone_mismatch'],
    ['entry without phone cannot tell: at once', { unlinked: [e(1, 'grid_cadre')], sameName: 1, phone4: '9999' }, 'link', 1],
    ['supervisor: waits', { unlinked: [e(1, 'supervisor')], sameName: 1, phone4: null }, 'pending', 1],
    ['admin: waits', { unlinked: [e(1, 'admin')], sameName: 1, phone4: '1234' }, 'pending', 1],
    ['two entries of the name: waits, oldest', { unlinked: [e(5, 'grid_cadre'), e(3, 'grid_cadre')], sameName: 2, phone4: null }, 'pending', 3],
    ['one unlinked, a namesake linked: waits', { unlinked: [e(3, 'grid_cadre')], sameName: 2, phone4: null }, 'pending', 3],
    [
      'namesakes, the phone picks one (still waits)',
      { unlinked: [e(3, 'grid_cadre', '13800001111'), e(5, 'grid_cadre', '13800002222')], sameName: 2, phone4: '2222' },
      'pending',
      5,
    ],
    [
      'namesakes, phone of neither',
      { unlinked: [e(3, 'grid_cadre', '13800001111'), e(5, 'volunteer', '13800002222')], sameName: 2, phone4: '0000' },
      'phone_mismatch',
    ],
  ]
  for (const [name, input, kind, entry] of cases)
    it(name, () => {
      const r = registrationOutcome(input)
      expect(r.kind).toBe(kind)
      if (entry !== undefined) expect('entry' in r && r.entry.id).toBe(entry)
    })
  it('a supervisor waits because of the role, namesakes because of the name', () => {
    expect(registrationOutcome({ unlinked: [e(1, 'supervisor')], sameName: 1, phone4: null })).toMatchObject({ reason: 'role' })
    expect(registrationOutcome({ unlinked: [e(1, 'grid_cadre'), e(2, 'grid_cadre')], sameName: 2, phone4: null })).toMatchObject({ reason: 'namesake' })
    expect(registrationOutcome({ unlinked: [e(1, 'grid_cadre', '13800001234')], sameName: 1, phone4: null })).toMatchObject({ reason: 'phone' })
  })
  it('namesakes of different roles: the request names every role, highest first; the bot picks none (issue #29 item 9)', () => {
    const both = { unlinked: [e(1, 'grid_cadre'), e(2, 'volunteer')], sameName: 2, phone4: null }
    expect(registrationOutcome(both)).toMatchObject({ kind: 'pending', reason: 'namesake', choices: ['grid_cadre', 'volunteer'] })
    const older = { unlinked: [e(1, 'volunteer'), e(2, 'supervisor')], sameName: 2, phone4: null }
    expect(registrationOutcome(older)).toMatchObject({ kind: 'pending', reason: 'namesake', choices: ['supervisor', 'volunteer'] })
  })
})

describe('phoneTriesLeft (guessing the four digits)', () => {
  const cases: [string, { byContact: number; byName: number }, number][] = [
    ['no wrong try today', { byContact: 0, byName: 0 }, PHONE_TRIES.perContact],
    ['one wrong try', { byContact: 1, byName: 1 }, 2],
    ['the contact used its tries', { byContact: 3, byName: 3 }, 0],
    ['more than allowed (a race) is still none, never negative', { byContact: 5, byName: 5 }, 0],
    ['other contacts guessed this name nine times: one left', { byContact: 0, byName: 9 }, 1],
    ['the name is locked for everyone today', { byContact: 0, byName: PHONE_TRIES.perName }, 0],
  ]
  for (const [name, wrong, want] of cases) it(name, () => expect(phoneTriesLeft(wrong)).toBe(want))
  it('a wrong try is final (never decided)', () => expect(REGISTRATION_TRANSITIONS.wrong_phone).toEqual({}))
})

describe('mayDecide', () => {
  const unit = (path: string, id = 9) => ({ path, id, districtId: 1 })
  const grid = { path: '/1/2/3/4/' }
  const community = { path: '/1/2/3/' }
  const cases: [string, Role, string, { path: string }, Role, string | null][] = [
    ['supervisor of the unit itself', 'supervisor', '/1/2/3/4/', grid, 'grid_cadre', null],
    ['supervisor of an ancestor', 'supervisor', '/1/2/', grid, 'supervisor', null],
    // A supervisor's request is asked of the unit above; a peer of the same unit may not link a new supervisor.
    ['a supervisor entry: a supervisor of the same unit may not', 'supervisor', '/1/2/3/', community, 'supervisor', 'REG_ABOVE_ONLY'],
    ['a supervisor entry: the unit above may', 'supervisor', '/1/2/', community, 'supervisor', null],
    ['a supervisor entry: an admin of the same unit may', 'admin', '/1/2/3/', community, 'supervisor', null],
    ['supervisor of a sibling unit', 'supervisor', '/1/2/3/5/', grid, 'grid_cadre', 'REG_OUTSIDE_UNIT'],
    ['supervisor below the unit', 'supervisor', '/1/2/3/4/', community, 'supervisor', 'REG_OUTSIDE_UNIT'],
    ['grid cadre of the unit', 'grid_cadre', '/1/2/3/4/', grid, 'grid_cadre', 'REG_NOT_SUPERVISOR'],
    ['volunteer', 'volunteer', '/1/', grid, 'volunteer', 'REG_NOT_SUPERVISOR'],
    ['admin anywhere in the district', 'admin', '/1/2/3/5/', grid, 'supervisor', null],
    ['an admin entry: a supervisor may not', 'supervisor', '/1/', grid, 'admin', 'REG_ADMIN_ONLY'],
    ['an admin entry: an admin may', 'admin', '/1/', grid, 'admin', null],
  ]
  for (const [name, role, path, target, entryRole, want] of cases) it(name, () => expect(mayDecide({ role, unit: unit(path) }, target, entryRole)).toBe(want))
})

describe('registration transitions', () => {
  const statuses = Object.keys(REGISTRATION_TRANSITIONS) as RegistrationStatus[]
  const actions: RegistrationAction[] = ['confirm', 'reject', 'expire']
  const want: Record<string, RegistrationStatus | null> = {
    'pending/confirm': 'confirmed',
    'pending/reject': 'rejected',
    'pending/expire': 'expired',
  }
  for (const s of statuses) for (const a of actions) it(`${s} × ${a}`, () => expect(nextStatus(s, a)).toBe(want[`${s}/${a}`] ?? null))
  it('a week without an answer expires it', () => {
    const t0 = new Date('2026-11-20T02:00:00Z')
    expect(isExpired(t0, new Date(t0.getTime() + PENDING_TTL_MS - 1))).toBe(false)
    expect(isExpired(t0, new Date(t0.getTime() + PENDING_TTL_MS))).toBe(true)
  })
  it('asks the unit above for a supervisor, admins for an admin, the unit itself otherwise', () => {
    expect(askFrom('supervisor')).toEqual({ startAbove: true, roles: ['supervisor', 'admin'] })
    expect(askFrom('admin')).toEqual({ startAbove: false, roles: ['admin'] })
    expect(askFrom('grid_cadre')).toEqual({ startAbove: false, roles: ['supervisor', 'admin'] })
  })
})

describe('parsing #登记 and #确认', () => {
  const reg: [string[], unknown][] = [
    [['张伟'], { name: '张伟', phone4: null }],
    [['张伟', '1234'], { name: '张伟', phone4: '1234' }],
    [[], { problem: '请写上名单中的姓名' }],
    [['张伟', '123'], { problem: '手机号只写后四位数字', example: '#登记 张伟 1234' }],
    [['张伟', '13800001234'], { problem: '手机号只写后四位数字', example: '#登记 张伟 1234' }],
    // Punctuation phones add around words (full-width spaces and invisible characters go in normalise()).
    [['张伟。'], { name: '张伟', phone4: null }],
    [['「张伟」', '1234。'], { name: '张伟', phone4: '1234' }],
    [['张伟!'], { name: '张伟', phone4: null }],
    [['。'], { problem: '请写上名单中的姓名' }],
    // A space typed inside a Chinese name ("张 伟"), as rosters pad two-character names.
    [['张', '伟'], { name: '张伟', phone4: null }],
    [['张', '伟', '1234'], { name: '张伟', phone4: '1234' }],
    [['欧阳', '娜', '娜'], { name: '欧阳娜娜', phone4: null }],
    [['Li', 'Ming'], { problem: '姓名中不要有空格,手机后四位可选' }],
  ]
  for (const [argv, want] of reg) it(`#登记 ${argv.join(' ')}`, () => expect(parseRegistration(argv)).toEqual(want))
  const dec: [string[], unknown][] = [
    [['张伟'], { name: '张伟', number: null, role: null }],
    [['张伟', '17'], { name: '张伟', number: 17, role: null }],
    [['张伟', '#17'], { name: '张伟', number: 17, role: null }],
    [['17'], null],
    [[], null],
    [['张伟', '第二个'], null],
    [['张伟。'], { name: '张伟', number: null, role: null }],
    [['张伟', '17。'], { name: '张伟', number: 17, role: null }],
    // A role word picks among namesakes of different roles (issue #29 item 9).
    [['陈静', '志愿者'], { name: '陈静', number: null, role: 'volunteer' }],
    [['陈静', '17', '网格员'], { name: '陈静', number: 17, role: 'grid_cadre' }],
    [['陈静', '网格员', '17'], { name: '陈静', number: 17, role: 'grid_cadre' }],
  ]
  for (const [argv, want] of dec) it(`#确认 ${argv.join(' ')}`, () => expect(parseDecision(argv)).toEqual(want))
})

describe('matchRoster (org import)', () => {
  const row = (
    id: number,
    name: string,
    unitId: number,
    wxid: string | null,
    linkedVia: string | null = wxid ? 'file' : null,
    phone: string | null = null,
  ): RosterRow => ({
    id,
    name,
    unitId,
    wxid,
    phone,
    linkedVia,
  })
  it('matches by contact id first, wherever the person moved', () => {
    const r = matchRoster([{ name: '张伟', unitId: 7, wxid: 'w1' }], [row(1, '张伟', 4, 'w1')])
    expect(r.matches).toEqual([{ rowId: 1, wxid: 'w1', replacedWxid: null }])
    expect(r.leftOver).toEqual([])
  })
  it('an entry without an id keeps the id linked in chat', () => {
    const r = matchRoster([{ name: '张伟', unitId: 4 }], [row(1, '张伟', 4, 'w_chat', 'chat')])
    expect(r.matches).toEqual([{ rowId: 1, wxid: 'w_chat', replacedWxid: null }])
  })
  it('the file carrying another id than the chat link wins, and says which it replaced', () => {
    const r = matchRoster([{ name: '张伟', unitId: 4, wxid: 'w_file' }], [row(1, '张伟', 4, 'w_chat', 'chat')])
    expect(r.matches).toEqual([{ rowId: 1, wxid: 'w_file', replacedWxid: 'w_chat' }])
  })
  it('an id from the file never takes over a row another id from the file linked (a different person)', () => {
    const r = matchRoster([{ name: '张伟', unitId: 4, wxid: 'w2' }], [row(1, '张伟', 4, 'w1', 'file')])
    expect(r.matches).toEqual([{ rowId: null, wxid: 'w2', replacedWxid: null }])
    expect(r.leftOver.map((x) => x.id)).toEqual([1])
  })
  it('namesakes in one unit: the same phone first, then the oldest row; a new entry gets a new row', () => {
    const rows = [row(1, '陈静', 4, null, null, '13800001111'), row(2, '陈静', 4, null, null, '13800002222')]
    const r = matchRoster(
      [
        { name: '陈静', unitId: 4, phone: '13800002222' },
        { name: '陈静', unitId: 4 },
        { name: '陈静', unitId: 4 },
      ],
      rows,
    )
    expect(r.matches.map((m) => m.rowId)).toEqual([2, 1, null])
  })
  it('namesakes of different roles keep their roles whichever row is older', () => {
    const rows = [
      { ...row(1, '陈静', 4, null), role: 'volunteer' },
      { ...row(2, '陈静', 4, 'w_chat', 'chat'), role: 'grid_cadre' },
    ]
    const r = matchRoster(
      [
        { name: '陈静', unitId: 4, role: 'grid_cadre' },
        { name: '陈静', unitId: 4, role: 'volunteer' },
      ],
      rows,
    )
    expect(r.matches.map((m) => [m.rowId, m.wxid])).toEqual([
      [2, 'w_chat'],
      [1, null],
    ])
  })
  it('a name in another unit is another entry', () => {
    const r = matchRoster([{ name: '张伟', unitId: 5 }], [row(1, '张伟', 4, null)])
    expect(r.matches[0]!.rowId).toBeNull()
    expect(r.leftOver.map((x) => x.id)).toEqual([1])
  })
})

describe('roster files without contact ids', () => {
  const spec = orgSpecSchema.parse({
    district: '二七区',
    accounts: [{ id: 'bot-main' }, { id: 'bot-2' }],
    units: [
      {
        name: '人和路街道',
        kind: 'town',
        children: [
          {
            name: '华府社区',
            kind: 'community',
            children: [
              { name: '华府社区5号网格', kind: 'grid' },
              { name: '华府社区6号网格', kind: 'grid' },
            ],
          },
        ],
      },
    ],
    rooms: [
      { topic: '华府社区群', unit: '华府社区', account: 'bot-main', wxRoomId: '111@chatroom', accounts: ['bot-2'] },
      { topic: '5号网格群', unit: '华府社区5号网格', account: 'bot-2' },
      { topic: '二七区管理员群', unit: '二七区', account: 'bot-main', admin: true },
    ],
    members: [
      {
        name: '王书记',
        wxid: 'wxid_wang',
        unit: '华府社区',
        role: 'supervisor',
        rooms: ['华府社区群', '5号网格群'],
        teams: ['团员先锋队', '助老队'],
        duties: ['安全'],
      },
      { name: '张伟', unit: '华府社区5号网格', role: 'grid_cadre', phone: '13800001234', rooms: ['5号网格群'] },
      { name: '张伟', unit: '华府社区5号网格', role: 'volunteer', rooms: ['5号网格群'] },
    ],
  })
  it('validates: entries without ids, even namesakes, are fine; a duplicate id is not', () => {
    expect(validateOrg(spec).problems).toEqual([])
    const dup = { ...spec, members: [...spec.members, { ...spec.members[0]!, name: '另一人' }] }
    expect(validateOrg(dup).problems).toContain('微信ID重复:「wxid_wang」')
  })
  it('names as offices type them: padding spaces between characters and invisible characters are not part of a name', () => {
    const names = ['张　伟', ' 张 伟 ', '张\u200b伟', '\ufeff张伟', '张伟\u00a0']
    for (const name of names) expect(orgSpecSchema.parse({ ...spec, members: [{ name, unit: '华府社区', role: 'volunteer' }] }).members[0]!.name).toBe('张伟')
    // A Latin name keeps its space.
    expect(orgSpecSchema.parse({ ...spec, members: [{ name: 'Li  Ming', unit: '华府社区', role: 'volunteer' }] }).members[0]!.name).toBe('Li Ming')
  })
  it('an office sheet of names and phones alone (no 微信ID column) is a roster', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名单')
    ws.addRow(['区', '镇街', '社区', '网格', '群名', '姓名', '角色', '手机'])
    ws.addRow(['二七区', '人和路街道', '华府社区', '华府社区5号网格', '5号网格群', '张伟', '网格员', '13800001234'])
    ws.addRow(['二七区', '人和路街道', '华府社区', '', '华府社区群', '马丽', '书记', ''])
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'onboard-names-')), 'names.xlsx')
    await wb.xlsx.writeFile(file)
    const back = await loadOrgFile(file)
    expect(back.members.map((m) => [m.name, m.wxid, m.phone, m.role, m.unit])).toEqual([
      ['张伟', undefined, '13800001234', 'grid_cadre', '华府社区5号网格'],
      ['马丽', undefined, undefined, 'supervisor', '华府社区'],
    ])
    expect(validateOrg(back).problems).toEqual([])
  })
  it('the exported sheet reads back as the same roster (a unit with no group or people included)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'onboard-sheet-')), 'roster.xlsx')
    await writeOrgFile(file, spec)
    const back = await loadOrgFile(file)
    expect(back.members).toEqual(spec.members)
    // The admins' group and backup accounts too: an export re-imported unchanged changes nothing.
    const roomFields = (r: (typeof spec.rooms)[number]) => [r.topic, r.unit, r.account, r.wxRoomId, r.accounts, r.admin]
    expect(back.rooms.map(roomFields)).toEqual(spec.rooms.map(roomFields))
    expect(back.rooms.find((r) => r.topic === '二七区管理员群')?.admin).toBe(true)
    expect(validateOrg(back).units.map((u) => [u.name, u.kind, u.parent])).toEqual(validateOrg(spec).units.map((u) => [u.name, u.kind, u.parent]))
  })
})
