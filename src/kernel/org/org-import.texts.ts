// What the org import says: the file's problems, one report line per change, and the summary.
type Counts = { units: number; rooms: number; members: number }

export const orgImportTexts = {
  policyProblem: (unit: string, p: string) => `「${unit}」的 policies.${p}`,
  invalid: (problems: string[]) => `组织文件有 ${problems.length} 处问题:\n${problems.slice(0, 10).join('\n')}`,
  accountAdded: (id: string) => `+ 账号 ${id}`,
  districtAdded: (name: string) => `+ 区 ${name}`,
  unitAdded: (name: string, kind: string) => `+ 单位 ${name}(${kind})`,
  unitUpdated: (isDistrict: boolean, name: string) => `~ ${isDistrict ? '区' : '单位'} ${name}`,
  unitMissing: (name: string) => `! 单位 ${name} 不在文件中(保留其记录)`,
  roomAdded: (topic: string) => `+ 群 ${topic}`,
  roomUpdated: (topic: string) => `~ 群 ${topic}`,
  wxidReplaced: (name: string, from: string | null, to: string | null) => `~ 成员 ${name} 的微信ID 由 ${from} 改为 ${to}(以文件为准)`,
  memberUpdated: (name: string) => `~ 成员 ${name}`,
  memberAdded: (name: string, role: string, linked: boolean) => `+ 成员 ${name}(${role}${linked ? '' : ',待登记'})`,
  memberDeactivated: (name: string) => `- 成员 ${name} 已停用(不在文件中)`,
  summary: (c: Counts & { accounts: number }, u: Counts, deactivated: number, unchanged: number) =>
    `新增 单位${c.units} 群${c.rooms} 成员${c.members} 账号${c.accounts};更新 单位${u.units} 群${u.rooms} 成员${u.members};停用 成员${deactivated};未变 ${unchanged}`,
}
