// The check-in capability's Chinese texts.
import { formatLocal } from '../../core/time.ts'
import { kindLabel, type CheckinKind, type CheckinType } from '../../kernel/texts/checkin-kinds.texts.ts'
import { ROLE_LABEL, type Role } from '../../kernel/org/org.types.ts'

/** The commands' names and help lines, as users type and read them. */
export const checkinCommandTexts = {
  checkin: {
    name: '签到',
    aliases: ['打卡', 'checkin'],
    summary: '记录巡查、走访、议事、服务、宣传、调解或采集',
    usage: '#签到 [巡查|走访|议事|服务|宣传|调解|采集] [N户] [备注];#签到 撤销',
    example: '#签到 走访 5户 独居老人家中检查用电',
  },
  today: { name: '今日', aliases: ['今天', 'today'], summary: '本单位今日签到(上级群按下级单位汇总)', usage: '#今日', example: '#今日' },
  me: { name: '我的', aliases: ['我', 'me'], summary: '我的角色、单位和签到次数', usage: '#我的', example: '#我的' },
}

/** The help section's title. */
export const checkinHelpTitle = '签到'

export const checkinTexts = {
  /** `#签到 A3`: an activity's id where a kind belongs — its attendance has its own command. */
  activityRef: (ref: string) => `${ref} 是活动编号:活动签到请发 #活动签到 ${ref}(#签到 记的是巡查、走访等日常工作)`,
  /** The confirmation; `mine` and `unit` may be placeholders the database fills in (see sqlTemplate). */
  recorded: (a: { type: CheckinType; kinds: readonly CheckinKind[]; households: number | null; at: Date; unitName: string; mine: string; unit: string }) => {
    const what = [kindLabel(a.type, a.kinds), a.households ? `${a.households}户` : ''].filter(Boolean).join(' ')
    return `✅ 签到成功(${what},${formatLocal(a.at, false)})\n您今日第 ${a.mine} 次,${a.unitName}今日共 ${a.unit} 次。\n发送位置可附加到本次签到;10分钟内可 #签到 撤销`
  },
  undone: (c: { at: Date; type: CheckinType }) => `已撤销 ${formatLocal(c.at, false)} 的${kindLabel(c.type)}签到。`,
  undoNone: '没有可撤销的签到:只能撤销10分钟内的最近一次签到。',
  undoRace: '这次签到已经撤销过了。',
  /** #我的 */
  me: (m: { name: string; role: Role; unitName: string; teams: string[] }, s: { today: number; month: number }) => {
    const teams = m.teams.length ? `\n队伍:${m.teams.join('、')}` : ''
    return `${m.name}|${ROLE_LABEL[m.role]}|${m.unitName}${teams}\n签到:今日 ${s.today} 次,本月 ${s.month} 次`
  },
  /** #今日 in a grid: none yet. */
  todayNone: (unitName: string, date: string) => `${unitName} ${date} 还没有签到。`,
  todayItem: (c: { at: Date; name: string; type: CheckinType; households: number | null; note: string | null; address: string | null }) =>
    [formatLocal(c.at, false), c.name, kindLabel(c.type), c.households ? `${c.households}户` : '', c.note ?? '', c.address ? `📍${c.address}` : '']
      .filter(Boolean)
      .join(' '),
  /** #今日 in a grid: the list, with counts per kind (of the listed ones: 巡查 2、宣传 1). */
  todayList: (unitName: string, date: string, total: number, byKind: [string, number][], lines: string[], listed: number) => {
    const more = total > listed ? `\n……另有 ${total - listed} 条` : ''
    const kinds = byKind.map(([k, n]) => `${k} ${n}`).join('、')
    return `${unitName} ${date} 签到 ${total} 次(${kinds}):\n${lines.join('\n')}${more}`
  },
  todayChildLine: (unitName: string, count: number, households: number) => `${unitName}:${count} 次${households ? `,${households}户` : ''}`,
  /** #今日 in a unit with children: one line per child, the silent ones, the unit's own, per kind. */
  todayChildren: (a: { unitName: string; date: string; total: number; byKind: [string, number][]; lines: string[]; own: number; silent: string[] }) => {
    const silentLine = a.silent.length ? `\n未签到(${a.silent.length}):${a.silent.slice(0, 30).join('、')}${a.silent.length > 30 ? '……' : ''}` : ''
    const own = a.own ? `\n本级:${a.own} 次` : ''
    const byKind = a.byKind.length ? `(${a.byKind.map(([k, n]) => `${k} ${n}`).join('、')})` : ''
    return `${a.unitName} ${a.date} 共签到 ${a.total} 次${byKind}\n${a.lines.join('\n') || '(下级单位都还没有签到)'}${own}${silentLine}`
  },
}
