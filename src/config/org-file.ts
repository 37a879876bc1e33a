import { readFile } from 'node:fs/promises'
import path from 'node:path'
import YAML from 'yaml'
import ExcelJS from 'exceljs'
import { AppError } from '../core/errors.ts'
import { HEADERS, orgFileTexts as t, SETTING_KINDS, SETTINGS_SHEET } from './org-file.texts.ts'
import { orgSpecSchema, type OrgSpec, type UnitSpec } from './org-spec.ts'

export { HEADERS, SETTING_KINDS, SETTINGS_HEADERS, SETTINGS_SHEET } from './org-file.texts.ts'

export async function loadOrgFile(file: string): Promise<OrgSpec> {
  const ext = path.extname(file).toLowerCase()
  const raw = ext === '.xlsx' ? await readOrgSheet(file) : YAML.parse(await readFile(file, 'utf8'))
  const parsed = orgSpecSchema.safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new AppError('ORG_FILE_INVALID', `org file ${file} invalid`, t.invalid(lines))
  }
  return parsed.data
}

const ROLE_WORDS: Record<string, OrgSpec['members'][number]['role']> = {
  管理员: 'admin',
  admin: 'admin',
  书记: 'supervisor',
  负责人: 'supervisor',
  指导员: 'supervisor',
  站长: 'supervisor',
  主任: 'supervisor',
  supervisor: 'supervisor',
  网格员: 'grid_cadre',
  网格团干部: 'grid_cadre',
  团干部: 'grid_cadre',
  网格长: 'grid_cadre',
  grid_cadre: 'grid_cadre',
  志愿者: 'volunteer',
  volunteer: 'volunteer',
}

/** A cell of several names: 团员先锋队,助老队 (commas of either width, 、 or spaces). */
const list = (cell: string) => cell.split(/[,,、\s]+/).filter(Boolean)

/** Columns a sheet may leave out. */
/** 微信ID too: an office's sheet of names (and phones) alone is a roster whose people link themselves with #登记. */
const OPTIONAL = new Set(['account', 'roomId', 'phone', 'wxid', 'backups', 'adminRoom', 'teams', 'duties'])

/** The district office's sheet: one row per member, headers 区 镇街 社区 网格 群名 姓名 微信ID 角色 [账号] [群ID] [手机]
 *  [备用账号] [管理员群] (群ID: the group's WeChat room id, which binds it at import; 备用账号: the group's other bot
 *  accounts, separated by commas; 管理员群: 是 on a row of the admins' group, so an export keeps it) [队伍] [职责]
 *  (a member's teams and duties, separated by commas). 微信ID may be empty: the person links it in their
 *  group with #登记. A row without 姓名 only declares its unit and group (`gridbot org export` writes such rows). */
export async function readOrgSheet(file: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const ws = wb.worksheets[0]
  if (!ws) throw new AppError('ORG_SHEET_EMPTY', 'no worksheet', t.noWorksheet)
  const col = headerColumns(ws)
  const sheet: SheetRead = { district: '', tree: new Map(), rooms: new Map(), members: [], accounts: new Set(), problems: [] }
  ws.eachRow((row, n) => {
    if (n === 1) return
    const get = (k: keyof typeof HEADERS) => {
      const i = col[k]
      return i ? String(row.getCell(i).text ?? '').trim() : ''
    }
    readRow(sheet, get, n)
  })
  const { problems } = sheet
  if (problems.length) throw new AppError('ORG_SHEET_ROWS', problems.join('; '), t.rowProblems(problems))
  return sheetSpec(sheet, readSettingsSheet(wb))
}

type Cell = (k: keyof typeof HEADERS) => string
type SheetRoom = { topic: string; unit: string; account?: string; wxRoomId?: string; accounts: string[]; admin: boolean }
/** What the rows of the sheet declare, gathered row by row. */
interface SheetRead {
  district: string
  tree: Map<string, { spec: UnitSpec; parent: string }>
  rooms: Map<string, SheetRoom>
  members: OrgSpec['members']
  accounts: Set<string>
  problems: string[]
}

/** The column of each header in the first row; a sheet without a required column is refused. */
function headerColumns(ws: ExcelJS.Worksheet): Record<string, number> {
  const col: Record<string, number> = {}
  ws.getRow(1).eachCell((cell, i) => {
    const text = String(cell.text ?? '').trim()
    for (const [key, header] of Object.entries(HEADERS)) if (text === header || (key === 'town' && /^(镇街|镇\/街道|街道|镇)$/.test(text))) col[key] = i
  })
  const missing = Object.entries(HEADERS)
    .filter(([k]) => !OPTIONAL.has(k) && !col[k])
    .map(([, h]) => h)
  if (missing.length) throw new AppError('ORG_SHEET_HEADERS', `missing headers ${missing}`, t.missingHeaders(missing))
  return col
}

/** One row: its unit chain, its group, and its person (when it names one). */
function readRow(sheet: SheetRead, get: Cell, n: number): void {
  const unit = rowUnit(sheet, get, n)
  if (unit === null) return
  const topic = get('room')
  readRoom(sheet, get, topic, unit)
  const roleWord = get('role')
  const role = ROLE_WORDS[roleWord] ?? ROLE_WORDS[roleWord.toLowerCase()]
  if (!get('name')) return void (get('wxid') || roleWord ? sheet.problems.push(t.noName(n)) : undefined)
  if (!role) return void sheet.problems.push(t.unknownRole(n, roleWord))
  // The same contact id on another row: that person is in one more group (an export writes a row per group).
  const again = get('wxid') ? sheet.members.find((m) => m.wxid === get('wxid') && m.name === get('name') && m.unit === unit) : undefined
  if (again) {
    for (const [k, v] of [
      ['teams', list(get('teams'))],
      ['duties', list(get('duties'))],
    ] as const)
      for (const x of v) if (!again[k].includes(x)) again[k].push(x)
    return void (topic && !again.rooms.includes(topic) && again.rooms.push(topic))
  }
  sheet.members.push({
    name: get('name'),
    wxid: get('wxid') || undefined,
    phone: get('phone') || undefined,
    unit,
    role,
    rooms: topic ? [topic] : [],
    teams: list(get('teams')),
    duties: list(get('duties')),
  })
}

const KINDS = ['district', 'town', 'community', 'grid'] as const

/** The row's unit (the last of 区 镇街 社区 网格 it fills), its units added to the tree; null: an empty row, or a
 *  problem recorded. */
function rowUnit(sheet: SheetRead, get: Cell, n: number): string | null {
  const [district = '', ...below] = [get('district'), get('town'), get('community'), get('grid')]
  if (!district && !below.some(Boolean) && !get('name')) return null
  sheet.district ||= district
  const problem = !district ? t.noDistrict(n) : district !== sheet.district ? t.otherDistrict(n, district, sheet.district) : null
  if (problem) {
    sheet.problems.push(problem)
    return null
  }
  let parent = district
  for (const [i, name] of below.entries()) {
    if (!name) break
    if (!sheet.tree.has(name)) sheet.tree.set(name, { spec: { name, kind: KINDS[i + 1] ?? 'grid', children: [] }, parent })
    parent = name
  }
  return parent
}

/** The row's group and accounts: a group on several rows gathers their room id, backup accounts and admin mark. */
function readRoom(sheet: SheetRead, get: Cell, topic: string, unit: string): void {
  const account = get('account') || undefined
  if (account) sheet.accounts.add(account)
  const wxRoomId = get('roomId') || undefined
  const backups = list(get('backups'))
  for (const b of backups) sheet.accounts.add(b)
  const admin = /^(是|y|yes|true|1|✓|√)$/i.test(get('adminRoom'))
  if (!topic) return
  const r = sheet.rooms.get(topic)
  if (!r) return void sheet.rooms.set(topic, { topic, unit, account, wxRoomId, accounts: backups, admin })
  if (wxRoomId && !r.wxRoomId) r.wxRoomId = wxRoomId
  for (const b of backups) if (!r.accounts.includes(b)) r.accounts.push(b)
  r.admin ||= admin
}

/** The org spec the rows and the settings sheet make (the first account serves groups that name none). */
function sheetSpec(sheet: SheetRead, settings: ReturnType<typeof readSettingsSheet>) {
  const { district, tree, accounts } = sheet
  const roots: UnitSpec[] = []
  for (const { spec, parent } of tree.values()) {
    if (parent === district) roots.push(spec)
    else tree.get(parent)?.spec.children?.push(spec)
  }
  for (const id of settings.accounts.keys()) accounts.add(id)
  const accountList = accounts.size ? [...accounts] : ['bot-main']
  for (const { spec } of tree.values()) if (settings.policies.has(spec.name)) spec.policies = settings.policies.get(spec.name)
  return {
    district,
    ...(settings.policies.has(district) ? { policies: settings.policies.get(district) } : {}),
    accounts: accountList.map((id) => ({ id, ...settings.accounts.get(id) })),
    units: roots,
    rooms: [...sheet.rooms.values()].map((r) => ({ ...r, account: r.account ?? accountList[0] })),
    members: sheet.members,
    guests: [],
    ...(settings.catalogue.length ? { catalogue: settings.catalogue } : {}),
  }
}

function readSettingsSheet(wb: ExcelJS.Workbook) {
  const out = { accounts: new Map<string, object>(), policies: new Map<string, Record<string, unknown>>(), catalogue: [] as OrgSpec['catalogue'] }
  const ws = wb.getWorksheet(SETTINGS_SHEET)
  if (!ws) return out
  const problems: string[] = []
  ws.eachRow((row, n) => {
    if (n === 1) return
    const [kind = '', name = '', text = ''] = [1, 2, 3].map((i) => String(row.getCell(i).text ?? '').trim())
    if (!kind) return
    let value: unknown
    try {
      value = YAML.parse(text)
    } catch (e) {
      return void problems.push(t.settingNotYaml(n, (e as Error).message.split('\n')[0] ?? ''))
    }
    if (kind === SETTING_KINDS.account) out.accounts.set(name, (value as object) ?? {})
    else if (kind === SETTING_KINDS.policies) out.policies.set(name, value as Record<string, unknown>)
    else if (kind === SETTING_KINDS.catalogue) out.catalogue.push(value as OrgSpec['catalogue'][number])
    else problems.push(t.settingKind(n, kind))
  })
  if (problems.length) throw new AppError('ORG_SHEET_SETTINGS', problems.join('; '), t.settingsProblems(problems))
  return out
}
