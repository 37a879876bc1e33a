// Every Chinese text of resources (资源清单) and matching (对接).
export const resourceId = (r: { number: number }) => `R${r.number}`

export const resourceTexts = {
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
