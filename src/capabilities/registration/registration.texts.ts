// Every Chinese text of #登记 / #确认 / #驳回, and the hint a listed name gets.
import { must } from '../../core/must.ts'
import { ROLE_LABEL, type Role } from '../../kernel/org/org.types.ts'
import type { PendingReason } from './registration-rules.ts'
import type { Decided, Registered, RegistrationHint } from './registration.types.ts'

const WHY: Record<PendingReason, (name: string, role: Role) => string> = {
  role: (_, role) => `${ROLE_LABEL[role]}的登记`,
  namesake: (name) => `本单位名单中有不止一位「${name}」,`,
  phone: () => '没有写手机号后四位,',
}
const phoneLockedTail = (name: string) => `今天输错手机号后四位的次数已达上限,请明天再试;或发送 #登记 ${name}(不写后四位),由负责人核实后确认。`

const who = (name: string, role: Role) => `${name}(${ROLE_LABEL[role]})`

export const registrationTexts = {
  example: '#登记 张伟',
  confirmExample: '#确认 张伟',
  rejectExample: '#驳回 张伟',
  linked: (name: string, role: Role) => `已登记:${who(name, role)},可以使用 #签到 等命令。发送 #帮助 查看全部命令。`,
  waiting: (name: string, role: Role, reason: PendingReason, asked: string[]) =>
    `已收到「${name}」的登记申请,${WHY[reason](name, role)}需要${role === 'admin' ? '管理员' : '上级负责人'}确认${
      asked.length ? `(已通知 ${asked.join('、')})` : ',请联系本单位负责人'
    }。确认后即可使用命令。${reason === 'phone' ? `\n也可以加上名单上手机号后四位立即登记,例如:#登记 ${name} 1234` : ''}`,
  ask: (a: { name: string; role: Role; unit: string; displayName: string; id: number; several: boolean; choices?: Role[] }) => {
    const no = a.several ? ` ${a.id}` : ''
    // Namesakes of different roles (issue #29 item 9): every entry named, the supervisor picks one.
    if (a.choices && a.choices.length > 1)
      return `${a.name}申请登记为「${a.unit}」的成员(微信昵称「${a.displayName}」,登记号 ${a.id})。名单上有 ${a.choices.length} 位「${a.name}」:${a.choices
        .map((r) => ROLE_LABEL[r])
        .join('、')},请核实是哪一位后回复:${a.choices.map((r) => `#确认 ${a.name}${no} ${ROLE_LABEL[r]}`).join(' 或 ')};不是本人请回复:#驳回 ${a.name}${no}`
    return `${a.name}申请登记为「${a.unit}」的${ROLE_LABEL[a.role]}(微信昵称「${a.displayName}」,登记号 ${a.id})。核实是本人后请回复:#确认 ${a.name}${no};不是本人请回复:#驳回 ${a.name}${no}`
  },
  /** #确认 without a role for a request whose name has entries of several roles. */
  pickRole: (name: string, choices: Role[]) =>
    `名单上有 ${choices.length} 位「${name}」:${choices.map((r) => ROLE_LABEL[r]).join('、')}。请写明确认哪一位,例如:#确认 ${name} ${ROLE_LABEL[must(choices.at(-1), 'REG_NO_ROLE')]}`,
  /** #确认 with a role the name has no unlinked entry of. */
  noSuchRole: (name: string, role: Role, choices: Role[]) =>
    `名单上没有未登记的${ROLE_LABEL[role]}「${name}」。可选:${choices.map((r) => ROLE_LABEL[r]).join('、')},例如:#确认 ${name} ${ROLE_LABEL[choices.at(-1) ?? role]}`,
  otherPending: (other: string, name: string) =>
    `您已申请登记为「${other}」,正在等待负责人确认,不能同时申请登记「${name}」。如果申请错了,请负责人先回复:#驳回 ${other}`,
  alreadyPending: (name: string) => `您登记「${name}」的申请正在等待负责人确认,请耐心等待。`,
  notInRoster: (name: string, unit: string) =>
    `「${unit}」的名单中没有「${name}」。请写名单上的姓名(在自己单位的群里发),或联系负责人把您加入名单。\n例如:#登记 张伟`,
  alreadyLinked: (name: string) => `名单上的「${name}」已经登记过了。如果您才是${name}本人,请联系负责人。`,
  phoneMismatch: (name: string, left: number) =>
    left > 0
      ? `手机号后四位与名单上「${name}」的不符,今天还可再试 ${left} 次。请核对后重发,或联系负责人。\n例如:#登记 ${name} 1234`
      : `手机号后四位与名单上「${name}」的不符。${phoneLockedTail(name)}`,
  phoneLocked: (name: string) => phoneLockedTail(name),
  senderLinked: (name: string, role: Role) => `您的微信已登记为 ${who(name, role)},无需再登记。`,
  pendingHint: (name: string, deciders: string[]) =>
    `您登记「${name}」的申请已提交,正在等待${deciders.length ? ` ${deciders.join('、')} ` : '负责人'}确认:#确认 由负责人发送,您无需再发,确认后即可使用命令。`,
  hint: (h: RegistrationHint) => (h.kind === 'pending' ? registrationTexts.pendingHint(h.name, h.deciders) : registrationTexts.guestHint(h.name)),
  guestHint: (name: string) => `您好!名单上有「${name}」。如果是您本人,请先发送:#登记 ${name}`,
  // Decisions.
  noneWaiting: (name: string, verb: '确认' | '驳回') => `没有等待${verb}的「${name}」的登记(请写申请人的姓名)。\n例如:#${verb} 张伟`,
  several: (name: string, list: { id: number; unit: string; displayName: string }[], verb: '确认' | '驳回') =>
    `有 ${list.length} 条「${name}」的登记在等待,请写上登记号:\n${list.map((r) => `#${verb} ${name} ${r.id}(${r.unit},微信昵称「${r.displayName}」)`).join('\n')}`,
  confirmed: (name: string, role: Role, unit: string) => `已确认:${who(name, role)} 登记为「${unit}」成员。`,
  youAreLinked: (name: string, role: Role) => `您的登记已确认:${who(name, role)},可以使用 #签到 等命令。`,
  rejected: (name: string) => `已驳回「${name}」的这条登记申请。`,
  youAreRejected: (name: string) => `您登记「${name}」的申请未通过。如有疑问请联系负责人。`,
  refused: {
    REG_NOT_SUPERVISOR: '只有本单位或上级单位的负责人、管理员可以确认登记。',
    REG_OUTSIDE_UNIT: '这条登记不属于您负责的单位,请由该单位或上级单位的负责人确认。',
    REG_ADMIN_ONLY: '管理员的登记只能由管理员确认。',
    REG_ABOVE_ONLY: '负责人的登记需要上级单位的负责人(或管理员)确认。',
  },
  noEntryLeft: (name: string) => `名单上的「${name}」都已登记,这条申请无法确认。`,
  contactTaken: (name: string) => `申请人的微信已登记为其他成员,这条「${name}」的申请已作废。`,
  verb: (action: 'confirm' | 'reject'): '确认' | '驳回' => (action === 'confirm' ? '确认' : '驳回'),
  /** The reply to #登记, from what the service did. */
  registered(r: Registered): string {
    if (r.kind === 'phone_mismatch') return registrationTexts.phoneMismatch(r.name, r.triesLeft)
    if (r.kind === 'linked') return registrationTexts.linked(r.name, r.role)
    return registrationTexts.waiting(r.name, r.role, r.reason, r.asked)
  },
  /** The reply to #确认 / #驳回 (the registrant, when asked in their own group, is told in the same message). */
  decided(r: Decided): string {
    if (r.kind === 'several') return registrationTexts.several(r.name, r.requests, registrationTexts.verb(r.action))
    if (r.kind === 'rejected') return registrationTexts.rejected(r.name)
    if (r.kind === 'contact_taken') return registrationTexts.contactTaken(r.name)
    const { confirmed, youAreLinked } = registrationTexts
    return `${confirmed(r.name, r.role, r.unit)}${r.inTheirGroup ? `\n${youAreLinked(r.name, r.role)}` : ''}`
  },
}
