/** How each role reads in replies, rosters and exports. */
export const roleLabelTexts = { admin: '管理员', supervisor: '负责人', grid_cadre: '网格员', volunteer: '志愿者' }

// What the org lookups say when a name @-ed in a command is nobody who can be given work.
export const orgTexts = {
  notAMember: (name: string) => `找不到成员「${name}」:TA 不是本区的网格成员(居民不能被指派或登记);若是成员改了群昵称,请长按头像@ TA`,
  unlinked: (name: string, unitName: string) => `「${name}」在${unitName}的名单上,但还未登记,暂不能被指派或通知;请 TA 先在本单位群发送 #登记 ${name}`,
  namesakes: (name: string, n: number) => `有 ${n} 位成员叫「${name}」,请在群里直接@ TA(长按头像)`,
}
