// The org file's words: the district office's sheet headers (read and written by `gridbot org export`), the settings
// sheet, and what an admin is told when the file cannot be read (gridbot org import, gridbot start --org).
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

/** The second sheet `gridbot org export` writes (org-write.ts): accounts, policies and the catalogue, one YAML cell a
 *  row. Absent (an office's own sheet): nothing of these is in the file, and the import leaves them as they are. */
export const SETTINGS_SHEET = '设置'
export const SETTINGS_HEADERS = { kind: '类别', name: '名称', yaml: '内容(YAML)' }
export const SETTING_KINDS = { account: '账号', policies: '规则', catalogue: '兑换品' }

export const orgFileTexts = {
  invalid: (lines: string[]) => `组织文件格式有误:\n${lines.join('\n')}`,
  noWorksheet: '表格中没有工作表',
  missingHeaders: (missing: string[]) => `表格缺少列:${missing.join('、')}(第一行应为:区 镇街 社区 网格 群名 姓名 角色,可加 微信ID 手机 账号 群ID)`,
  noDistrict: (n: number) => `第${n}行缺少“区”`,
  otherDistrict: (n: number, named: string, district: string) => `第${n}行的区「${named}」与「${district}」不同:一个文件只能有一个区`,
  noName: (n: number) => `第${n}行缺少姓名`,
  unknownRole: (n: number, word: string) => `第${n}行的角色「${word}」无法识别(可用:网格员、书记、志愿者、管理员)`,
  rowProblems: (problems: string[]) => `表格有 ${problems.length} 处问题:\n${problems.slice(0, 10).join('\n')}`,
  settingNotYaml: (n: number, reason: string) => `设置表第${n}行的内容不是有效的 YAML:${reason}`,
  settingKind: (n: number, kind: string) => `设置表第${n}行的类别「${kind}」无法识别(可用:账号、规则、兑换品)`,
  settingsProblems: (problems: string[]) => `表格的设置页有 ${problems.length} 处问题:\n${problems.slice(0, 10).join('\n')}`,
}

/** What `gridbot org export` writes into the sheet: its name, each role's word (the reader knows them all), and the
 *  管理员群 mark. */
export const sheetWords = {
  roster: '名单',
  role: { admin: '管理员', supervisor: '负责人', grid_cadre: '网格员', volunteer: '志愿者' },
  yes: '是',
} as const
