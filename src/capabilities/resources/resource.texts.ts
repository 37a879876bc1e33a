// Every Chinese text of resources (资源清单) and matching (对接).
export const resourceId = (r: { number: number }) => `R${r.number}`

/** The commands' names and help lines, as users type and read them. */
export const resourceCommandTexts = {
  register: {
    name: '资源',
    aliases: ['resource'],
    summary: '登记资源(场地、技能、物资、时间),得到编号 R…',
    usage: '#资源 <内容> [提供方 <名称>|@成员]',
    example: '#资源 免费理发 每月一次 提供方 爱心理发店',
  },
  list: { name: '资源列表', aliases: ['resources'], summary: '本单位及下级登记的资源', usage: '#资源列表', example: '#资源列表' },
  match: { name: '对接', aliases: ['match'], summary: '把资源对接到任务或需求,并通知资源登记人', usage: '#对接 <T3|N2> <R5>', example: '#对接 T3 R5' },
}

/** The help section's title: one line of #帮助 with projects (资源项目). */
export const resourceHelpTitle = '资源项目'

export const resourceTexts = {
  oneProvider: () => '一项资源只写一个提供方',
  missing: () => '请写明资源内容,如:#资源 免费理发 每月一次 提供方 爱心理发店',
  tooLong: (max: number) => `资源内容最多 ${max} 个字`,
  registered: (r: { number: number; description: string }, provider: string | null) =>
    `已登记资源 ${resourceId(r)}:${r.description}${provider ? `(提供方:${provider})` : ''}\n对接任务或需求:#对接 T3 ${resourceId(r)}`,
  listEmpty: (unitName: string) => `${unitName} 暂无登记的资源`,
  list: (unitName: string, total: number, lines: string[]) => `${unitName} 资源清单 ${total} 项:\n${lines.join('\n')}`,
  line: (r: { number: number; description: string; providerName: string | null }, unitName: string, matches: number) =>
    `${resourceId(r)} ${r.description}${r.providerName ? `(${r.providerName})` : ''} · ${unitName}${matches ? ` · 已对接 ${matches} 次` : ''}`,
  badArgs: () => '请写任务或需求编号和资源编号,如:#对接 T3 R5',
  unknown: (label: string) => `没有资源 ${label},请检查编号`,
  notVisible: (label: string, unitName: string) => `${label} 属于${unitName},不在您的范围内`,
  unknownWork: (label: string) => `没有 ${label},请检查编号`,
  workNotVisible: (label: string, unitName: string) => `${label} 属于${unitName},您无权对接`,
  already: (work: string, res: string) => `${work} 已与 ${res} 对接过`,
  matched: (work: string, title: string, res: { number: number; description: string }) =>
    `🤝 已对接:${work}「${title}」← ${resourceId(res)} ${res.description}`,
  toContact: (work: string, title: string, res: { number: number; description: string }, by: string, unitName: string) =>
    `🤝 您登记的资源 ${resourceId(res)}「${res.description}」已由 ${by} 对接到 ${unitName} 的 ${work}「${title}」,请与对方联系。`,
}
