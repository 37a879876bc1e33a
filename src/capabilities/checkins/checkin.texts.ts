// The check-in capability's Chinese texts.
import { formatLocal } from '../../core/time.ts'
import { kindLabel, type CheckinKind, type CheckinType } from '../../kernel/texts/checkin-kinds.texts.ts'

export const checkinTexts = {
  /** `#签到 A3`: an activity's id where a kind belongs — its attendance has its own command. */
  activityRef: (ref: string) => `${ref} 是活动编号:活动签到请发 #活动签到 ${ref}(#签到 记的是巡查、走访等日常工作)`,
  /** The confirmation; `mine` and `unit` may be placeholders the database fills in (see sqlTemplate). */
  recorded: (a: { type: CheckinType; kinds: readonly CheckinKind[]; households: number | null; at: Date; unitName: string; mine: string; unit: string }) => {
    const what = [kindLabel(a.type, a.kinds), a.households ? `${a.households}户` : ''].filter(Boolean).join(' ')
    return `✅ 签到成功(${what},${formatLocal(a.at, false)})\n您今日第 ${a.mine} 次,${a.unitName}今日共 ${a.unit} 次。\n发送位置可附加到本次签到;10分钟内可 #签到 撤销`
  },
  undone: (c: { at: Date; type: CheckinType }) => `已撤销 ${formatLocal(c.at, false)} 的${kindLabel(c.type)}签到。`,
}
