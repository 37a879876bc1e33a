// What #转办 says (a hazard referred to a body outside the tree: 物业, 供电, 燃气 …).
import type { Hazard } from './hazard.types.ts'
import { hazardId } from './hazard.texts.ts'

export const hazardReferTexts = {
  word: '转办',
  usage: '#转办 H7 <外部单位> [说明]',
  example: '#转办 H7 物业 请派人清理楼道杂物',
  summary: '把隐患转给物业、供电等外部单位处理(推送到对方系统),本单位仍负责跟进和办结',
  missingBody: () => '请写转给哪个外部单位,例如:#转办 H7 物业 请派人清理楼道杂物',
  progressNote: (body: string, note: string) => `已转${body}${note ? `:${note}` : ''}`,
  referred: (h: Pick<Hazard, 'number'>, body: string) => `${hazardId(h)} 已转${body}处理(已推送到对方系统)。对方处理完后,请 #办结 ${hazardId(h)} 结果`,
}
