// Every Chinese text of the task capability — replies, refusals, escalations, reminders, notices — in one place,
// so wording is reviewed together and later capabilities (hazards, notices) copy the shape.
import { must } from '../../core/must.ts'
import { formatLocal } from '../../core/time.ts'
import { formatWait } from '../../kernel/texts/wait.texts.ts'
import type { TaskAction, TaskRefusal } from './task-rules.ts'
import type { Task, TaskStatus } from './task.types.ts'

/** The first of a list its caller never leaves empty. */
const first = <T>(xs: readonly T[]): T => must(xs[0], 'EMPTY_LIST')

export const STATUS_LABEL: Record<TaskStatus, string> = { open: '待认领', claimed: '进行中', done: '已完成', cancelled: '已取消' }

export const EVENT_LABEL: Record<string, string> = {
  created: '创建',
  claimed: '认领',
  progress: '进展',
  completed: '完成',
  abandoned: '放弃',
  cancelled: '取消',
  reminded: '提醒',
  escalated: '上报',
  overdue: '逾期上报',
  delivered: '已送达',
  chased: '催办',
  taken_over: '接手',
  reassigned: '转派',
  handed_back: '退回',
  evidence: '附图',
  disclosed: '查看完整记录',
}

export const taskId = (t: Pick<Task, 'number'>) => `T${t.number}`
const urgentTag = (t: Pick<Task, 'priority'>) => (t.priority === 'urgent' ? '【紧急】' : '')
const named = (t: Pick<Task, 'number' | 'title'>) => `${taskId(t)}「${t.title}」`

export function taskLine(t: Pick<Task, 'number' | 'title' | 'priority' | 'deadline' | 'status'>, now: Date, holder?: string): string {
  const overdue = t.deadline && t.status !== 'done' && t.status !== 'cancelled' && t.deadline.getTime() < now.getTime()
  const due = t.deadline ? `,截止 ${formatLocal(t.deadline)}${overdue ? '(已逾期)' : ''}` : ''
  const who = holder ? `,${holder}负责` : ''
  return `${taskId(t)} ${urgentTag(t)}${t.title}(${STATUS_LABEL[t.status]}${who}${due})`
}

/** What a refusal says, with what the actor needs to know to do the right thing instead. */
export function refusalText(
  code: TaskRefusal,
  action: TaskAction,
  t: Pick<Task, 'number' | 'status'>,
  a: { unitName: string; holderName: string; holderIsYou: boolean },
): string {
  const id = taskId(t)
  switch (code) {
    case 'TASK_CLOSED':
      return action === 'claim'
        ? `${id} ${STATUS_LABEL[t.status]},不能认领`
        : action === 'chase'
          ? `${id} ${STATUS_LABEL[t.status]},无需催办`
          : `${id} ${STATUS_LABEL[t.status]}`
    case 'TASK_DONE':
      return `${id} 已经完成了`
    case 'TASK_TAKEN':
      return `${id} 已由${a.holderIsYou ? '您' : a.holderName}认领`
    case 'TASK_NOT_CLAIMED':
      return `${id} ${STATUS_LABEL[t.status]},无需放弃`
    case 'TASK_CLAIM_DENIED':
      return action === 'claim' ? `${id} 属于${a.unitName},请由本单位网格员或上级负责人认领` : `${id} 属于${a.unitName},您无权办理`
    case 'TASK_NOT_HOLDER':
      return action === 'complete' && a.holderName ? `${id} 由${a.holderName}负责,不能替别人完成` : `${id} 不是您负责的任务`
    case 'TASK_CANCEL_DENIED':
      return `只有创建人或上级负责人可以取消 ${id}`
    case 'TASK_TAKEOVER_DENIED':
      return `只有${a.unitName}的上级负责人可以接手 ${id}`
    case 'TASK_REASSIGN_DENIED':
      return `只有派发人或${a.unitName}的上级负责人可以转派 ${id}`
    case 'TASK_HANDBACK_DENIED':
      return `只有承办人可以退回 ${id}`
    case 'TASK_NOT_HANDED_DOWN':
      return `${id} 是${a.unitName}自己的任务,不是上级派来的,无法退回;不办请 #取消 ${id} 原因`
  }
}

export const taskTexts = {
  malformedRef: (got: string) => `任务编号应为 T 加数字,如 T12(收到的是「${got.slice(0, 20)}」)`,
  missingRef: () => '请写明任务编号,如 T12',
  unknown: (label: string) => `没有任务 ${label},请核对编号(#任务列表 可查看)`,
  notVisible: (label: string, unitName: string) => `任务 ${label} 属于${unitName},您无权查看或办理`,
  changed: (t: Pick<Task, 'number'>) => `${taskId(t)} 刚刚有了变化,请发送 #任务 ${taskId(t)} 查看后再试`,
  createDenied: (unitName: string) => `只有本单位网格员或上级负责人可以在${unitName}创建任务`,
  alreadyYours: (t: Pick<Task, 'number'>) => `${taskId(t)} 已由您负责`,
  sameHolder: (t: Pick<Task, 'number'>, name: string) => `${taskId(t)} 已由 ${name} 负责`,
  reassignOutside: (name: string, unitName: string) => `${name} 不在${unitName}或其上级单位,不能承接此任务`,
  assignOutside: (name: string, unitName: string, title: string) =>
    `${name} 不在${unitName}或其上级单位,不能认领这里的任务,任务未创建。请只 @ 本单位的人,或到 TA 所在单位的群里创建。例如:#任务 ${title || '修复3号楼路灯'}`,
  severalUnits: (units: string[], title: string) =>
    `@ 的人分属 ${units.join('、')},一个任务只能派给一个单位,任务未创建。请分开派,例如:#任务 ${title || '清理楼道'} @${units[0]}`,
  handOutside: (unitName: string, ownUnit: string, title: string) =>
    `${unitName} 不在${ownUnit}的下级范围内,不能派任务过去,任务未创建。只能派给本单位或下级单位,例如:#任务 ${title || '清理楼道'} @某网格`,
  unitNoRoom: (unitName: string) => `${unitName} 还没有绑定的群,无法派任务过去;请管理员先在该单位群里发送 #绑定`,
  handedDownNote: (from: string, to: string, need: string | null) => `${from}派给${to}${need ? `,${need}` : ''}`,
  notHandedDown: (t: Pick<Task, 'number'>, unitName: string) =>
    `${taskId(t)} 是${unitName}自己的任务,不是上级派来的,无法退回;不办请发送 #取消 ${taskId(t)} 原因`,
  reassignSummary: '派发人或上级负责人把任务转派给某人(可派到下级单位)',
  handBackHelp: {
    summary: '把上级派来的任务或项目退回派发单位(须写理由)',
    usage: '#退回 T12 <理由>;#退回 P3 <理由>',
    example: '#退回 T12 需要专业电工,网格无法处理',
  },
  handBackReason: () => '请写明退回理由',
  handedBackNote: (to: string, reason: string) => `退回${to}:${reason}`,
  needUnknown: (n: number) => `没有需求 N${n}`,
  needNotVisible: (n: number, unitName: string) => `需求 N${n} 属于${unitName},您无权办理`,
  needNotOpen: (n: number, converted: boolean) => `需求 N${n} 已${converted ? '转为任务' : '关闭'}`,
  needRace: (n: number) => `需求 N${n} 刚被转为任务`,
  needTooLong: (max: number) => `需求描述太长(最多${max}字)`,

  // Replies in the room the command was typed in.
  created: (
    t: Pick<Task, 'number' | 'title' | 'priority'>,
    a: { deadline: Date | null; deadlineText: string | null; notifyNames: string[]; needNumber?: number },
  ) => {
    const due = a.deadline ? `\n截止:${formatLocal(a.deadline)}(按「${a.deadlineText}」理解,如有误请重发)` : ''
    const who = a.notifyNames.length ? `\n请 ${a.notifyNames.join('、')} 认领:#认领 ${taskId(t)}` : `\n认领:#认领 ${taskId(t)}`
    const from = a.needNumber !== undefined ? `(来自需求 N${a.needNumber})` : ''
    return `📋 已创建任务 ${taskId(t)}${urgentTag(t)}「${t.title}」${from}${due}${who}`
  },
  /** A pasted list (issue #23): one task per item, one reply with all ids. */
  createdMany: (tasks: { task: Pick<Task, 'number' | 'title' | 'priority'>; deadline: Date | null; notifyNames: string[] }[]) =>
    `📋 已创建任务 ${tasks.map((t) => taskId(t.task)).join('、')}(共 ${tasks.length} 条):\n${tasks
      .map(
        (t) =>
          `${taskId(t.task)}${urgentTag(t.task)} ${[...t.task.title.replace(/\s+/g, ' ')].slice(0, 24).join('')}${[...t.task.title].length > 24 ? '…' : ''}${
            t.deadline ? ` 截止 ${formatLocal(t.deadline)}` : ''
          }${t.notifyNames.length ? ` 请 ${t.notifyNames.join('、')} 认领` : ''}`,
      )
      .join('\n')}\n认领:#认领 ${taskId(first(tasks).task)}`,
  tooMany: (n: number, max: number) => `一次最多创建 ${max} 条任务,这条消息有 ${n} 条。请分几次发送`,
  pastedItemProblem: (i: number, problem: string) => `第 ${i} 条:${problem}`,
  noTitle: () => '请写明任务标题',
  claimed: (t: Pick<Task, 'number' | 'title' | 'deadline'>) =>
    `✅ 已认领 ${named(t)}${t.deadline ? `,截止 ${formatLocal(t.deadline)}` : ''}。完成后发送:#完成 ${taskId(t)} 结果`,
  progressed: (t: Pick<Task, 'number'> & { claimedNow?: boolean }) =>
    t.claimedNow ? `📝 ${taskId(t)} 进展已记录,任务由您负责(已认领)。` : `📝 ${taskId(t)} 进展已记录。`,
  completed: (t: Pick<Task, 'number' | 'title'>, evidence: number) =>
    `🎉 ${named(t)}已完成${evidence ? `(附图 ${evidence} 张)` : '(5分钟内发送图片可作为凭证)'}。`,
  evidenceAttached: (t: Pick<Task, 'number'>) => `📷 图片已作为 ${taskId(t)} 的完成凭证。`,
  abandoned: (t: Pick<Task, 'number'>) => `已放弃 ${taskId(t)},任务重新等待认领。`,
  chasedElsewhere: (t: Pick<Task, 'number'>, names: string[]) => `已催办 ${taskId(t)}${names.length ? `(${names.join('、')})` : ''}。`,
  tookOver: (t: Pick<Task, 'number' | 'title'>) => `✅ 您已接手 ${named(t)}。`,
  reassignedReply: (t: Pick<Task, 'number'>, name: string) => `已将 ${taskId(t)} 转派给 ${name}。`,
  cancelledReply: (t: Pick<Task, 'number' | 'title'>, reopenedNeed: number | null = null) =>
    `已取消 ${named(t)}。${reopenedNeed ? `\n需求 N${reopenedNeed} 已恢复为待处理,可重新转为任务(#任务 转 N${reopenedNeed})。` : ''}`,
  listEmpty: (unitName: string, below: boolean, states: string[]) =>
    `${unitName}${below ? '及下级' : ''} 暂无${states.length ? `${states.join('、')}的` : ''}未完成任务。`,
  listHead: (unitName: string, below: boolean, states: string[], total: number) =>
    `${unitName}${below ? '及下级' : ''}${states.length ? ` ${states.join('、')}` : ''} 未完成任务 ${total} 项`,

  // Posts to other rooms (escalations, reminders, notices to the rooms a cycle reached).
  unclaimedNudge: (t: Pick<Task, 'number' | 'title' | 'priority'>, waited: number) =>
    `⏰ ${urgentTag(t)}任务 ${named(t)}已等待${formatWait(waited)}无人认领,请发送 #认领 ${taskId(t)}`,
  overdueNudge: (t: Pick<Task, 'number' | 'title' | 'priority'>, deadline: Date) =>
    `⏰ ${urgentTag(t)}任务 ${named(t)}已超过截止时间(${formatLocal(deadline)}),请尽快完成:#完成 ${taskId(t)} 结果;或说明进展:#进展 ${taskId(t)} …`,
  escalated: (
    t: Pick<Task, 'number' | 'title' | 'priority'>,
    a: { level: number; unitName: string; unclaimed: boolean; waited: number; holderName?: string },
  ) => {
    const what = a.unclaimed ? `已等待${formatWait(a.waited)}无人认领` : `由${a.holderName ?? '(无人)'}负责,已逾期${formatWait(a.waited)}`
    return `⚠️ ${urgentTag(t)}上报(第${a.level}级):${a.unitName} 任务 ${named(t)}${what}。\n可发送 #接手 ${taskId(t)} 或 #转派 ${taskId(t)} @某人`
  },
  reminder: (t: Pick<Task, 'number' | 'title'>, deadline: Date, left: number) =>
    `⏰ 提醒:任务 ${named(t)}将于 ${formatLocal(deadline)} 截止(还有${formatWait(left)})。完成后请发送 #完成 ${taskId(t)} 结果`,
  reminderEvent: (left: number) => `距截止${formatWait(left)}`,
  noRoomEvent: () => '没有可发送的群',
  reachedTaken: (t: Pick<Task, 'number' | 'title'>, unitName: string, how: 'claimed' | 'taken_over' | 'reassigned', holderName: string) => {
    const verb = how === 'claimed' ? `已由 ${holderName} 认领` : how === 'taken_over' ? `已由 ${holderName} 接手` : `已转派给 ${holderName}`
    return `✅ ${unitName} 任务 ${named(t)}${verb}。`
  },
  reachedDone: (t: Pick<Task, 'number' | 'title'>, unitName: string, result = '') => `✅ ${unitName} 任务 ${named(t)}已完成${result ? `:${result}` : ''}。`,
  handedDown: (t: Pick<Task, 'number' | 'title' | 'priority' | 'deadline'>, byName: string, fromUnit: string, names: string[]) =>
    `📋 ${fromUnit} ${byName} 派来任务 ${taskId(t)}${urgentTag(t)}「${t.title}」${t.deadline ? `,截止 ${formatLocal(t.deadline)}` : ''}\n${names.length ? `请 ${names.join('、')} ` : '请本单位网格员'}认领:#认领 ${taskId(t)};办不了请退回:#退回 ${taskId(t)} 原因`,
  handedDownReply: (
    t: Pick<Task, 'number' | 'title' | 'priority'>,
    unitName: string,
    names: string[],
    a: { deadline: Date | null; deadlineText: string | null },
  ) =>
    `📋 已创建任务 ${taskId(t)}${urgentTag(t)}「${t.title}」,派给${unitName}${names.length ? `(${names.join('、')})` : ''}${a.deadline ? `\n截止:${formatLocal(a.deadline)}(按「${a.deadlineText}」理解,如有误请重发)` : ''}\n已在${unitName}群通知;认领、完成或退回会告诉本群。`,
  handedBack: (t: Pick<Task, 'number' | 'title'>, unitName: string, byName: string, reason: string) =>
    `↩️ ${unitName} ${byName} 退回任务 ${named(t)}:${reason}\n任务回到本单位待认领。可另派:#转派 ${taskId(t)} @某人;或 #接手 ${taskId(t)} / #取消 ${taskId(t)} 原因`,
  handedBackReply: (t: Pick<Task, 'number'>, unitName: string) => `已将 ${taskId(t)} 退回${unitName},已告知派发人。`,
  reachedCancelled: (t: Pick<Task, 'number' | 'title'>, unitName: string) => `${unitName} 任务 ${named(t)}已取消。`,
  reassignedToYou: (t: Pick<Task, 'number' | 'title' | 'deadline'>, byName: string) =>
    `📌 ${byName} 将任务 ${named(t)}转派给您${t.deadline ? `,截止 ${formatLocal(t.deadline)}` : ''}。`,
  chase: (t: Pick<Task, 'number' | 'title'>, byName: string, held: boolean) =>
    `📣 ${byName} 催办:任务 ${named(t)}${held ? '请尽快办理并回复进展' : '目前无人认领,请尽快认领'}。`,
  holderCancelled: (t: Pick<Task, 'number' | 'title'>, byName: string, reason: string) =>
    `📌 ${named(t)}已被${byName}取消${reason ? `(${reason})` : ''},您无需再办理。`,
  holderReplaced: (t: Pick<Task, 'number' | 'title'>, what: string) => `📌 ${named(t)}:${what},您无需再办理。`,
  takenOverBy: (name: string) => `${name} 已接手`,
  reassignedBy: (name: string, to: string) => `${name} 已转派给 ${to}`,
  /** Appended to a reply typed in the task's own room when it took the task from someone (who is @-ed). */
  formerHolderNote: (name: string) => `\n@${name} 您无需再办理此任务。`,
  disclosedNote: (where: string) => `于${where}`,
  /** `ref`: the id as this group types it (`二七区 T1` in a city's group). */
  maskedHint: (ref: string) => `(个人信息已隐去;完整记录请在本单位群查看,或发送 #任务 ${ref} 完整)`,
  assignedNote: (holderName: string) => `由 ${holderName} 负责`,
  fromNeed: (n: number) => `来自需求 N${n}`,
}

export const needTexts = {
  guestOnlyInGrid: () => '居民请在所在网格的群里提需求',
  residentRecorded: (needs: { number: number }[]) =>
    `📥 已收到您的需求 ${needs.map((n) => `N${n.number}`).join('、')},网格员确认后会在本群告诉您。有照片请在5分钟内发到本群,会附在需求上。`,
  imageAttached: (n: { number: number }, count: number) => `📷 图片已附在需求 N${n.number} 上(共 ${count} 张)。`,
  // The resident's words are right above in the group: not repeated (the group holds other residents too).
  pendingForCadres: (needs: { number: number }[], residentName: string) =>
    `📥 居民 ${residentName} 提出需求 ${needs.map((n) => `N${n.number}`).join('、')}(待网格确认)。采纳:#采纳 N${first(needs).number};不采纳:#关闭 N${first(needs).number} 理由`,
  screenDenied: (n: number, unitName: string) => `需求 N${n} 属于${unitName},只有本单位网格员或上级负责人可以采纳或关闭`,
  notPending: (n: { number: number; status: string }) =>
    `需求 N${n.number} ${n.status === 'open' ? '已在需求清单中' : n.status === 'converted' ? '已转为任务' : '已关闭'},无需采纳`,
  accepted: (n: { number: number }) => `✅ 已采纳需求 N${n.number},列入需求清单。转为任务:#任务 转 N${n.number} [截止 时间] [@成员]`,
  closed: (n: { number: number }, resident: boolean) => `已关闭需求 N${n.number}${resident ? ',已告知居民' : ''}。`,
  residentAccepted: (n: { number: number }, byName: string) => `✅ 您提的需求 N${n.number} 已由网格员 ${byName} 采纳,列入需求清单。`,
  residentClosed: (n: { number: number }, reason: string) => `您提的需求 N${n.number} 未被采纳:${reason}。如有疑问请联系网格员。`,
  residentConverted: (n: { number: number }, t: { number: number }, unitName: string) =>
    `📋 您提的需求 N${n.number} 已转为任务 T${t.number},由${unitName}办理。`,
  residentDone: (n: { number: number }, result: string) => `🎉 您提的需求 N${n.number} 已办结${result ? `:${result}` : ''}。`,
  closeReason: () => '请写明关闭理由',
  needHelp: { summary: '记录居民需求(得到编号 N…;居民也可在网格群提)', usage: '#需求 <描述>', example: '#需求 3号楼王奶奶家水管漏水,需要维修' },
  refHelp: () => '请写明需求编号,如 N12',
  acceptHelp: { summary: '采纳居民提的需求 N…(待网格确认 → 列入需求清单)', usage: '#采纳 N12', example: '#采纳 N12' },
  closeHelp: { summary: '关闭需求 N…(须写理由;居民的需求会告知本人)', usage: '#关闭 N12 <理由>', example: '#关闭 N12 属于物业维修范围,已告知物业电话' },
  recorded: (n: { number: number; description: string }) =>
    `📥 已记录需求 N${n.number}:${n.description}\n转为任务:#任务 转 N${n.number} [紧急] [截止 时间] [@成员]`,
  recordedMany: (needs: { number: number; description: string }[]) =>
    `📥 已记录需求 ${needs.map((n) => `N${n.number}`).join('、')}(共 ${needs.length} 条):\n${needs.map((n) => `N${n.number} ${[...n.description.replace(/\s+/g, ' ')].slice(0, 24).join('')}${[...n.description].length > 24 ? '…' : ''}`).join('\n')}\n转为任务:#任务 转 N${first(needs).number} [紧急] [截止 时间] [@成员]`,
  tooMany: (n: number, max: number) => `一次最多记录 ${max} 条需求,这条消息有 ${n} 条。请分几次发送`,
  listEmpty: (unitName: string, below: boolean, mine: boolean) => `${unitName}${below ? '及下级' : ''} 暂无${mine ? '您记录的' : ''}待办需求。`,
  listHead: (unitName: string, below: boolean, mine: boolean, total: number) =>
    `${unitName}${below ? '及下级' : ''}${mine ? ' 您记录的' : ''} 待办需求 ${total} 条`,
  line: (n: { number: number; description: string; createdAt: Date; status?: string }) =>
    `N${n.number} ${n.status === 'pending' ? '【待网格确认】' : ''}${n.description.slice(0, 40)}(${formatLocal(n.createdAt)})`,
}
