// Every Chinese text of projects (领题攻坚), the funnel (#清单) and the 六个一, in one place.
import { formatLocal } from '../../core/time.ts'
import { formatWait } from '../../kernel/texts/wait.texts.ts'
import type { FunnelCounts } from './funnel-rules.ts'
import type { ProjectAction, ProjectProgress, ProjectRefusal } from './project-rules.ts'
import type { Project, ProjectStatus } from './project.types.ts'
import { SIX_KINDS, SIX_LABEL, type SixKind, type SixProgress } from './six-rules.ts'

export const PROJECT_STATUS_LABEL: Record<ProjectStatus, string> = { open: '待领题', claimed: '进行中', done: '已完成', cancelled: '已取消' }

export const PROJECT_EVENT_LABEL: Record<string, string> = {
  created: '创建',
  added: '加入',
  claimed: '领题',
  completed: '结项',
  escalated: '上报',
  handed_back: '退回',
}

export const projectId = (p: Pick<Project, 'number'>) => `P${p.number}`
const named = (p: Pick<Project, 'number' | 'title'>) => `${projectId(p)}「${p.title}」`

/** "任务 2/3 · 需求 1/2 已解决" */
export const progressText = (g: ProjectProgress) => `任务 ${g.tasksDone}/${g.tasksAll} · 需求 ${g.needsMet}/${g.needsAll} 已解决`

export function projectLine(p: Pick<Project, 'number' | 'title' | 'status'>, g: ProjectProgress, holder?: string, unitName?: string): string {
  const who = holder ? `,${holder}负责` : ''
  const where = unitName ? ` · ${unitName}` : ''
  return `${projectId(p)} ${p.title}(${PROJECT_STATUS_LABEL[p.status]}${who};${progressText(g)})${where}`
}

/** What a refusal says, with what the actor needs to know to do the right thing instead. */
export function projectRefusalText(
  code: ProjectRefusal,
  action: ProjectAction,
  p: Pick<Project, 'number' | 'status'>,
  a: { unitName: string; holderName: string; holderIsYou: boolean },
): string {
  const id = projectId(p)
  switch (code) {
    case 'PROJECT_CLOSED':
      return `${id} ${PROJECT_STATUS_LABEL[p.status]}${action === 'claim' ? ',不能领题' : ''}`
    case 'PROJECT_DONE':
      return `${id} 已经结项了`
    case 'PROJECT_TAKEN':
      return `${id} 已由${a.holderIsYou ? '您' : a.holderName}领题`
    case 'PROJECT_NOT_CLAIMED':
      return `${id} 还没有人领题,请先发送 #领题 ${id}`
    case 'PROJECT_CLAIM_DENIED':
      return `${id} 属于${a.unitName},请由本单位或下级的网格员、负责人领题`
    case 'PROJECT_NOT_HOLDER':
      return `${id} 由${a.holderName || '他人'}负责,只有负责人或上级负责人可以${action === 'abandon' ? '放弃' : '结项'}`
    case 'PROJECT_CANCEL_DENIED':
      return `只有创建人或${a.unitName}的上级负责人可以取消 ${id}`
    case 'PROJECT_TAKEOVER_DENIED':
      return `只有${a.unitName}的上级负责人可以接手 ${id}`
    case 'PROJECT_REASSIGN_DENIED':
      return `只有创建人或${a.unitName}的上级负责人可以转派 ${id}`
    case 'PROJECT_ADD_DENIED':
      return `只有创建人、负责人或上级负责人可以往 ${id} 加入内容`
    case 'PROJECT_HANDBACK_DENIED':
      return `只有${id}的负责人或${a.unitName}的网格员、负责人可以退回,例如:#退回 ${id} 需要街道协调,社区无法推进`
  }
}

export const projectTexts = {
  malformedRef: (got: string) => `项目编号应为 P 加数字,如 P3(收到的是「${got.slice(0, 20)}」)`,
  missingRef: () => '请写明项目编号,如 P3',
  missingTitle: () => '请写明项目名称',
  malformedItem: (got: string) => `「${got.slice(0, 20)}」不是需求、任务或资源编号(如 N4、T9、R2)`,
  missingItems: (p: string) => `请写明要加入的编号,如:#项目 ${p} 加 T9 N4`,
  unknown: (label: string) => `没有项目 ${label},请核对编号(#项目列表 可查看)`,
  notVisible: (label: string, unitName: string) => `项目 ${label} 属于${unitName},您无权查看或办理`,
  changed: (p: Pick<Project, 'number'>) => `${projectId(p)} 刚刚有了变化,请发送 #项目 ${projectId(p)} 查看后再试`,
  createDenied: (unitName: string) => `只有本单位网格员或上级负责人可以在${unitName}创建项目`,
  itemUnknown: (label: string) => `没有 ${label}`,
  itemOutside: (label: string, itemUnit: string, projectUnit: string) => `${label} 属于${itemUnit},不在项目所在的${projectUnit}范围内`,
  itemElsewhere: (label: string, other: string) => `${label} 已属于项目 ${other}`,
  tooLong: (max: number) => `项目名称太长(最多${max}字)`,
  summaryMissing: () => '请写明项目总结',

  created: (p: Pick<Project, 'number' | 'title'>, unitName: string, items: string[]) =>
    `📌 已创建领题攻坚项目 ${named(p)}(${unitName})${items.length ? `\n包含:${items.join('、')}` : ''}\n领题:#领题 ${projectId(p)};加入:#项目 ${projectId(p)} 加 T9 N4 R2`,
  added: (p: Pick<Project, 'number'>, added: string[], already: string[]) =>
    `${added.length ? `✅ 已加入 ${projectId(p)}:${added.join('、')}` : `没有新加入 ${projectId(p)} 的内容`}${already.length ? `(${already.join('、')} 已在项目中)` : ''}`,
  claimed: (p: Pick<Project, 'number' | 'title'>, g: ProjectProgress) =>
    `✅ 已领题 ${named(p)}(${progressText(g)})。项目内任务全部完成后发送:#完成 ${projectId(p)} 总结`,
  blocked: (p: Pick<Project, 'number'>, open: { number: number; status: string }[]) =>
    `${projectId(p)} 还有任务未完成:${open.map((t) => `T${t.number}(${t.status === 'claimed' ? '进行中' : '待认领'})`).join('、')},完成后再结项`,
  // Not 「还没有完成的任务」: read as "there are unfinished tasks" (issue #29).
  noWorkDone: (p: Pick<Project, 'number'>) => `${projectId(p)} 没有一项已完成的任务,不能结项:请先加入任务(#项目 ${projectId(p)} 加 T12)并完成`,
  completed: (p: Pick<Project, 'number' | 'title'>, g: ProjectProgress) => `🎉 项目 ${named(p)}已结项(${progressText(g)})。`,
  sixCredited: (name: string, kinds: SixKind[]) => `\n${name} 六个一:${kinds.map((k) => SIX_LABEL[k].phrase).join('、')} ✅`,
  show: (a: { p: Project; unitName: string; holder?: string; g: ProjectProgress; tasks: string[]; needs: string[]; resources: string[]; events: string[] }) => {
    const head = `📌 ${projectLine(a.p, a.g, a.holder)} · ${a.unitName}`
    const summary = a.p.summary ? `\n总结:${a.p.summary}` : ''
    const part = (label: string, lines: string[]) => (lines.length ? `\n${label}:\n${lines.join('\n')}` : `\n${label}:无`)
    return `${head}${summary}${part('任务', a.tasks)}${part('需求', a.needs)}${part('资源', a.resources)}\n记录:\n${a.events.join('\n')}`
  },
  maskedHint: () => '(个人信息已隐去;完整内容请在项目所在单位群查看)',
  listEmpty: (unitName: string, below: boolean) => `${unitName}${below ? '及下级' : ''} 暂无项目。`,
  listHead: (unitName: string, below: boolean, active: number, done: number) =>
    `${unitName}${below ? '及下级' : ''} 领题攻坚项目:进行中/待领题 ${active} 个,已完成 ${done} 个`,

  // Escalation of unclaimed projects, and the rooms a cycle reached.
  unclaimedNudge: (p: Pick<Project, 'number' | 'title'>, waited: number) =>
    `⏰ 领题攻坚项目 ${named(p)}已等待${formatWait(waited)}无人领题,请发送 #领题 ${projectId(p)}`,
  escalated: (p: Pick<Project, 'number' | 'title'>, a: { level: number; unitName: string; waited: number }) =>
    `⚠️ 上报(第${a.level}级):${a.unitName} 领题攻坚项目 ${named(p)}已等待${formatWait(a.waited)}无人领题。\n可安排网格员发送 #领题 ${projectId(p)}`,
  reachedTaken: (p: Pick<Project, 'number' | 'title'>, unitName: string, holder: string) => `✅ ${unitName} 项目 ${named(p)}已由 ${holder} 领题。`,
  abandoned: (p: Pick<Project, 'number' | 'title'>) => `已放弃 ${named(p)},项目重新等待领题。`,
  cancelled: (p: Pick<Project, 'number' | 'title'>) => `已取消项目 ${named(p)}。`,
  tookOver: (p: Pick<Project, 'number' | 'title'>) => `✅ 您已接手项目 ${named(p)}。`,
  reassigned: (p: Pick<Project, 'number' | 'title'>, name: string) => `已将项目 ${named(p)}转派给 ${name}。`,
  reassignOutside: (name: string, unitName: string) => `${name} 不是${unitName}或其下级单位的网格员、负责人,不能承接此项目`,
  reachedChanged: (p: Pick<Project, 'number' | 'title'>, unitName: string, what: string) => `${unitName} 项目 ${named(p)}${what}。`,
  /** What became of a project, after its name (reachedChanged). */
  what: {
    abandonedBy: (by: string) => `已由 ${by} 放弃,重新等待领题`,
    cancelled: () => '已取消',
    cancelledBy: (by: string, reason: string) => `已被 ${by} 取消${reason ? `(${reason})` : ''},您无需再办理`,
    heldBy: (name: string) => `已由 ${name} 负责`,
    reassignedBy: (by: string, to: string) => `已由 ${by} 转派给 ${to},您无需再办理`,
    takenOverBy: (by: string) => `已由 ${by} 接手,您无需再办理`,
    toYou: (by: string) => `由 ${by} 转派给您`,
  },
  handOutside: (unitName: string, ownUnit: string, title: string) =>
    `${unitName} 不在${ownUnit}的下级范围内,不能把项目派过去,项目未创建。例如:#项目 ${title || '独居老人用电安全'} @某网格`,
  unitNoRoom: (unitName: string) => `${unitName} 还没有绑定的群,无法把项目派过去`,
  handedDown: (p: Pick<Project, 'number' | 'title'>, byName: string, fromUnit: string) =>
    `📌 ${fromUnit} ${byName} 派来领题攻坚项目 ${named(p)},请本单位网格员领题:#领题 ${projectId(p)};办不了请退回:#退回 ${projectId(p)} 原因`,
  notAUnit: (name: string) => `「${name}」不是单位名:项目只能 @ 本单位下级的单位,如 @华府社区5号网格`,
  notHandedDown: (p: Pick<Project, 'number'>, unitName: string) =>
    `${projectId(p)} 是${unitName}自己建的项目,不是上级派来的,不能退回;不办请 #取消 ${projectId(p)} 原因,或由负责人 #放弃 ${projectId(p)}`,
  handedBackNote: (to: string, reason: string) => `退回${to}:${reason}`,
  handedBack: (p: Pick<Project, 'number' | 'title'>, unitName: string, byName: string, reason: string) =>
    `↩️ ${unitName} ${byName} 退回领题攻坚项目 ${named(p)}:${reason}\n项目回到本单位待领题。可另派:#转派 ${projectId(p)} @某人;或 #接手 ${projectId(p)} / #取消 ${projectId(p)} 原因`,
  handedBackReply: (p: Pick<Project, 'number'>, unitName: string) => `已将项目 ${projectId(p)} 退回${unitName},已告知派发人。`,
  noRoomEvent: () => '没有可发送的群',
}

export const funnelTexts = {
  head: (unitName: string, periodLabel: string) => `📊 ${unitName}及下级 ${periodLabel} 需求→任务→项目:`,
  body: (c: FunnelCounts) =>
    [
      `需求 ${c.needs} 条(已解决 ${c.needsMet},转为任务 ${c.needsConverted})`,
      `→ 任务 ${c.tasks} 项(已完成 ${c.tasksDone},来自需求 ${c.tasksFromNeeds})`,
      `→ 项目 ${c.projects} 个(已完成 ${c.projectsDone})`,
      `资源 ${c.resources} 项登记,对接 ${c.matches} 次(${c.resourcesMatched} 项资源)`,
      c.activities ? `服务项目的活动 ${c.activities} 场` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  badPeriod: (w: string) => `看不懂时段「${w.slice(0, 20)}」:可写 本月、上月、本季、本年、全部 或 11月`,
  allTime: '累计',
}

export const sixTexts = {
  badKind: (w: string) => `「${w.slice(0, 20)}」不是六个一之一:请写 ${SIX_KINDS.map((k) => SIX_LABEL[k].word).join('、')}`,
  missingNote: (word: string) => `请写明${word}的内容`,
  denied: () => '六个一仅限网格员和负责人记录',
  tooLong: (max: number) => `说明太长(最多${max}字)`,
  recorded: (kind: SixKind, evidence: number, g: SixProgress, year: number) =>
    `✅ 已记录六个一「${SIX_LABEL[kind].phrase}」${evidence ? `(附图 ${evidence} 张)` : '(5分钟内发送图片可作为佐证)'}\n${sixTexts.progressLine(g, year)}`,
  evidenceAttached: (kind: SixKind) => `📷 图片已作为六个一「${SIX_LABEL[kind].phrase}」的佐证。`,
  progressLine: (g: SixProgress, year: number) =>
    `${year}年六个一 ${g.done.length}/6${g.missing.length ? `,还差:${g.missing.map((k) => SIX_LABEL[k].word).join('、')}` : ',已全部完成 🎉'}`,
  progress: (name: string, g: SixProgress, year: number, lines: string[]) =>
    `${name} ${sixTexts.progressLine(g, year)}\n${SIX_KINDS.map((k) => `${g.counts[k] ? '✅' : '⬜'} ${SIX_LABEL[k].phrase}${g.counts[k] > 1 ? ` ×${g.counts[k]}` : ''}`).join('\n')}${lines.length ? `\n最近:\n${lines.join('\n')}` : ''}`,
  recordLine: (r: { kind: string; note: string; at: Date; source: string; ref: string }) =>
    `${formatLocal(r.at)} ${SIX_LABEL[r.kind as SixKind]?.word ?? r.kind}:${r.note.slice(0, 30)}${r.source === 'manual' ? '' : `(自动:${r.ref})`}`,
  autoNote: (ref: string, title: string) => `${ref}「${title.slice(0, 40)}」`,
}
