// Every Chinese text about binding proposals: the admins' group's announcements, #确认绑定 / #拒绝绑定 replies, and
// `gridbot rooms`' reasons.
import { CONFIRM_BATCH, type ProposalRefusal, type StaleReason } from './binding-rules.ts'

/** Proposals are typed as G12 (群): B is the notices' letter (#通知 状态 B5), read in the same admins' group. */
export const PROPOSAL_PREFIX = 'G'
export const label = (n: number) => `${PROPOSAL_PREFIX}${n}`

export interface ProposalLine {
  number: number
  topic: string
  unitName: string
}

const line = (p: ProposalLine) => `${label(p.number)}「${p.topic}」→ ${p.unitName}`

export const STALE_TEXT: Record<StaleReason, string> = {
  room_bound: '该单位的群已绑定了别的群',
  group_bound: '该群已经绑定',
  topic_changed: '群名已改,不再与组织名单一致',
  group_gone: '机器人已不在该群',
  ambiguous: '出现了同名的群或单位,请在群里用 #绑定 处理',
}

export const bindingTexts = {
  announce: (listed: ProposalLine[], rest: number, pendingAll: number) =>
    [
      `🔗 发现 ${listed.length + rest} 个未绑定的群,群名与组织名单中的群一致,建议绑定(确认前不会绑定):`,
      ...listed.map(line),
      rest > 0 ? `……另有 ${rest} 个未列出(gridbot rooms 可查看全部)。` : '',
      pendingAll > listed.length + rest ? `目前共有 ${pendingAll} 个建议待确认。` : '',
      `确认请回复:#确认绑定 ${listed
        .slice(0, 2)
        .map((p) => label(p.number))
        .join(' ')} 或 #确认绑定 全部;不绑定:#拒绝绑定 ${label(listed[0]?.number ?? 1)}`,
    ]
      .filter(Boolean)
      .join('\n'),
  pendingList: (listed: ProposalLine[], rest: number) =>
    listed.length === 0
      ? '目前没有待确认的绑定建议。'
      : [`待确认的绑定建议(${listed.length + rest} 个):`, ...listed.map(line), rest > 0 ? `……另有 ${rest} 个。` : '', '确认:#确认绑定 全部']
          .filter(Boolean)
          .join('\n'),
  confirmed: (bound: ProposalLine[], refused: { label: string; why: string }[], left: number) =>
    [
      bound.length ? `✅ 已绑定 ${bound.length} 个群:` : '没有绑定任何群。',
      ...bound.slice(0, 20).map(line),
      bound.length > 20 ? `……另有 ${bound.length - 20} 个。` : '',
      ...refused.slice(0, 20).map((r) => `❌ ${r.label} 未绑定:${r.why}`),
      refused.length > 20 ? `……另有 ${refused.length - 20} 个未绑定(gridbot rooms 查看原因)。` : '',
      left > 0 ? `还有 ${left} 个待确认:请再发送 #确认绑定 全部(每次最多绑定 ${CONFIRM_BATCH} 个)。` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  refusedDone: (labels: string[]) => `已拒绝绑定建议 ${labels.join(' ')},这些群不会再被建议绑定到同一单位。`,
  notFound: (l: string) => `找不到绑定建议 ${l}`,
  unknownId: '没有这个建议编号',
  decided: (state: string) => `该建议已${state === 'confirmed' ? '确认过' : state === 'refused' ? '被拒绝' : '过期'}`,
  notAdminRoom: (cmd: string) => `#${cmd} 只能在管理员群中使用。`,
  noPending: '目前没有待确认的绑定建议。',
  badIds: '请写建议编号(如 G12)或「全部」',
  notAnId: (word: string) => `「${word}」不是建议编号。${bindingTexts.badIds}`,
  refusedProblem: (p: { label: string; why: string }) => `❌ ${p.label}:${p.why}`,
  noUnitName: '请写明要绑定的单位名称',
  /** `gridbot rooms`: the pending proposal naming a room. */
  pendingForRoom: (number: number, topic: string) => `待确认 ${label(number)}(群「${topic}」)`,
  staleWhy: (r: StaleReason) => STALE_TEXT[r],
  /** Why one proposal was not confirmed or refused (confirmed / refusedProblem list these). */
  proposalWhy: (r: ProposalRefusal): string =>
    r.code === 'BIND_PROPOSAL_STALE'
      ? STALE_TEXT[r.reason]
      : r.code === 'BIND_PROPOSAL_CHANGED'
        ? bindingTexts.confirmUnexpected
        : r.code === 'BIND_PROPOSAL_UNKNOWN'
          ? bindingTexts.unknownId
          : `${bindingTexts.decided(r.state)}${r.reason ? `:${r.reason}` : ''}`,
  confirmUnexpected: '该群或该单位的绑定已变化,请在群里用 #绑定 处理',
}

export const groupsListTexts = {
  header: (n: number) => `机器人所在、尚未绑定的微信群 ${n} 个(绑定建议在管理员群确认:#确认绑定 G12 或 #确认绑定 全部):\n账号\t群名\t群ID\t状态`,
  line: (g: { accountId: string; topic: string; wxRoomId: string; status: string; proposedUnit: string | null }) =>
    [g.accountId, g.topic, g.wxRoomId, g.proposedUnit ? `${g.status} → ${g.proposedUnit}` : g.status].join('\t'),
}

/** `gridbot rooms`: why an unbound group has no proposal to confirm, or where its proposal stands. */
export function groupStatusText(g: { match: string | null; matchNames: string[]; number: number | null; state: string | null; reason: string | null }): string {
  if (g.number !== null && g.state === 'pending') return `待确认 ${label(g.number)}`
  if (g.number !== null && g.state === 'refused') return `已拒绝 ${label(g.number)}`
  if (g.number !== null && g.state === 'stale' && g.match !== 'one') return `${matchText(g)}(${label(g.number)} 已过期:${g.reason ?? ''})`
  return matchText(g)
}

function matchText(g: { match: string | null; matchNames: string[] }): string {
  switch (g.match) {
    case 'none':
      return '无匹配'
    case 'several':
      return `多个匹配:${g.matchNames.join('、')}`
    case 'shared':
      return `同名群:${g.matchNames.join('、')}`
    case 'one':
      return '匹配'
    default:
      return '未检查'
  }
}

/** #帮助's section: binding shares one line with the console's login (its title is the same). */
export const BINDING_TITLE = '管理'

/** What #绑定, #确认绑定 and #拒绝绑定 show in #帮助 and with a usage problem; the words they take. */
export const bindCommandTexts = {
  bind: { name: '绑定', summary: '把本群绑定到一个单位(管理员)', usage: '#绑定 <单位名称> [确认]', example: '#绑定 华府社区5号网格' },
  confirm: { name: '确认绑定', summary: '确认机器人建议的群绑定(管理员群)', usage: '#确认绑定 <G编号…|全部>', example: '#确认绑定 G12 G13' },
  refuse: { name: '拒绝绑定', summary: '不采纳机器人建议的群绑定(管理员群)', usage: '#拒绝绑定 <G编号…>', example: '#拒绝绑定 G12' },
}
/** "#绑定 单位 确认": the last word confirms. */
export const CONFIRM_WORDS: ReadonlySet<string> = new Set(['确认', '确定', 'confirm'])
/** "#确认绑定 全部". */
export const ALL_WORDS: ReadonlySet<string> = new Set(['全部', '所有', 'all'])
