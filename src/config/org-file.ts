import { readFile } from 'node:fs/promises'
import path from 'node:path'
import YAML from 'yaml'
import ExcelJS from 'exceljs'
import { AppError } from '../core/errors.ts'
import { orgSpecSchema, type OrgSpec, type UnitSpec } from './org-spec.ts'

export async function loadOrgFile(file: string): Promise<OrgSpec> {
  const ext = path.extname(file).toLowerCase()
  const raw = ext === '.xlsx' ? await readOrgSheet(file) : YAML.parse(await readFile(file, 'utf8'))
  const parsed = orgSpecSchema.safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new AppError('ORG_FILE_INVALID', `org file ${file} invalid`, `组织文件格式有误:\n${lines.join('\n')}`)
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

export const HEADERS = {
  district: '区',
  town: '镇街',
  community: '社区',
  grid: '网格',
  room: '群名',
  name: '姓名',
  wxid: '微信ID',
  role: '角色',
  account: '账号',
  roomId: '群ID',
  phone: '手机',
  backups: '备用账号',
  adminRoom: '管理员群',
  teams: '队伍',
  duties: '职责',
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
  if (!ws) throw new AppError('ORG_SHEET_EMPTY', 'no worksheet', '表格中没有工作表')
  const col: Record<string, number> = {}
  ws.getRow(1).eachCell((cell, i) => {
    const text = String(cell.text ?? '').trim()
    for (const [key, header] of Object.entries(HEADERS)) if (text === header || (header === '镇街' && /^(镇街|镇\/街道|街道|镇)$/.test(text))) col[key] = i
  })
  const missing = Object.entries(HEADERS)
    .filter(([k]) => !OPTIONAL.has(k) && !col[k])
    .map(([, h]) => h)
  if (missing.length)
    throw new AppError(
      'ORG_SHEET_HEADERS',
      `missing headers ${missing}`,
      `表格缺少列:${missing.join('、')}(第一行应为:区 镇街 社区 网格 群名 姓名 角色,可加 微信ID 手机 账号 群ID)`,
    )
  let district = ''
  const tree = new Map<string, { spec: UnitSpec; parent: string | null }>()
  const rooms = new Map<string, { topic: string; unit: string; account?: string; wxRoomId?: string; accounts: string[]; admin: boolean }>()
  const members: OrgSpec['members'] = []
  const accounts = new Set<string>()
  const problems: string[] = []
  ws.eachRow((row, n) => {
    if (n === 1) return
    const get = (k: keyof typeof HEADERS) => (col[k] ? String(row.getCell(col[k]!).text ?? '').trim() : '')
    const chain = [get('district'), get('town'), get('community'), get('grid')]
    if (!chain.some(Boolean) && !get('name')) return
    if (!chain[0]) return void problems.push(`第${n}行缺少“区”`)
    district ||= chain[0]
    if (chain[0] !== district) return void problems.push(`第${n}行的区「${chain[0]}」与「${district}」不同:一个文件只能有一个区`)
    const kinds = ['district', 'town', 'community', 'grid'] as const
    let parent: string | null = null
    let unit = district
    for (let i = 1; i < 4; i++) {
      const name = chain[i]
      if (!name) break
      if (!tree.has(name)) tree.set(name, { spec: { name, kind: kinds[i]!, children: [] }, parent: parent ?? district })
      parent = name
      unit = name
    }
    const topic = get('room')
    const account = get('account') || undefined
    if (account) accounts.add(account)
    const wxRoomId = get('roomId') || undefined
    const backups = list(get('backups'))
    for (const b of backups) accounts.add(b)
    const admin = /^(是|y|yes|true|1|✓|√)$/i.test(get('adminRoom'))
    if (topic && !rooms.has(topic)) rooms.set(topic, { topic, unit, account, wxRoomId, accounts: backups, admin })
    else if (topic) {
      const r = rooms.get(topic)!
      if (wxRoomId && !r.wxRoomId) r.wxRoomId = wxRoomId
      for (const b of backups) if (!r.accounts.includes(b)) r.accounts.push(b)
      r.admin ||= admin
    }
    const roleWord = get('role')
    const role = ROLE_WORDS[roleWord] ?? ROLE_WORDS[roleWord.toLowerCase()]
    if (!get('name')) return void (get('wxid') || roleWord ? problems.push(`第${n}行缺少姓名`) : undefined)
    if (!role) return void problems.push(`第${n}行的角色「${roleWord}」无法识别(可用:网格员、书记、志愿者、管理员)`)
    // The same contact id on another row: that person is in one more group (an export writes a row per group).
    const again = get('wxid') ? members.find((m) => m.wxid === get('wxid') && m.name === get('name') && m.unit === unit) : undefined
    if (again) {
      for (const [k, v] of [
        ['teams', list(get('teams'))],
        ['duties', list(get('duties'))],
      ] as const)
        for (const x of v) if (!again[k].includes(x)) again[k].push(x)
      return void (topic && !again.rooms.includes(topic) && again.rooms.push(topic))
    }
    members.push({
      name: get('name'),
      wxid: get('wxid') || undefined,
      phone: get('phone') || undefined,
      unit,
      role,
      rooms: topic ? [topic] : [],
      teams: list(get('teams')),
      duties: list(get('duties')),
    })
  })
  if (problems.length) throw new AppError('ORG_SHEET_ROWS', problems.join('; '), `表格有 ${problems.length} 处问题:\n${problems.slice(0, 10).join('\n')}`)
  const roots: UnitSpec[] = []
  for (const { spec, parent } of tree.values()) {
    if (parent === district) roots.push(spec)
    else tree.get(parent!)!.spec.children!.push(spec)
  }
  const settings = readSettingsSheet(wb)
  for (const id of settings.accounts.keys()) accounts.add(id)
  const accountList = accounts.size ? [...accounts] : ['bot-main']
  for (const { spec } of tree.values()) if (settings.policies.has(spec.name)) spec.policies = settings.policies.get(spec.name)
  return {
    district,
    ...(settings.policies.has(district) ? { policies: settings.policies.get(district) } : {}),
    accounts: accountList.map((id) => ({ id, ...settings.accounts.get(id) })),
    units: roots,
    rooms: [...rooms.values()].map((r) => ({ ...r, account: r.account ?? accountList[0] })),
    members,
    guests: [],
    ...(settings.catalogue.length ? { catalogue: settings.catalogue } : {}),
  }
}

/** The second sheet `gridbot org export` writes (org-write.ts): accounts, policies and the catalogue, one YAML cell a
 *  row. Absent (an office's own sheet): nothing of these is in the file, and the import leaves them as they are. */
export const SETTINGS_SHEET = '设置'
export const SETTINGS_HEADERS = { kind: '类别', name: '名称', yaml: '内容(YAML)' }
export const SETTING_KINDS = { account: '账号', policies: '规则', catalogue: '兑换品' }

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
      return void problems.push(`设置表第${n}行的内容不是有效的 YAML:${(e as Error).message.split('\n')[0]}`)
    }
    if (kind === SETTING_KINDS.account) out.accounts.set(name, (value as object) ?? {})
    else if (kind === SETTING_KINDS.policies) out.policies.set(name, value as Record<string, unknown>)
    else if (kind === SETTING_KINDS.catalogue) out.catalogue.push(value as OrgSpec['catalogue'][number])
    else problems.push(`设置表第${n}行的类别「${kind}」无法识别(可用:账号、规则、兑换品)`)
  })
  if (problems.length)
    throw new AppError('ORG_SHEET_SETTINGS', problems.join('; '), `表格的设置页有 ${problems.length} 处问题:\n${problems.slice(0, 10).join('\n')}`)
  return out
}
