// What #附议 says (a "+1" on a hazard report someone else made).
import type { Hazard } from './hazard.types.ts'
import { hazardId } from './hazard.texts.ts'

export const hazardSecondTexts = {
  word: '附议',
  usage: '#附议 H7',
  summary: '附议别人上报的隐患(我也遇到了):计入反映人次,进展在本群告诉您',
  seconded: (h: Pick<Hazard, 'number'>, count: number) => `已附议 ${hazardId(h)}:共 ${count} 人次反映。处理进展会在本群告诉您`,
  already: (h: Pick<Hazard, 'number'>, count: number) => `您已附议过 ${hazardId(h)}(共 ${count} 人次反映),处理进展会在本群告诉您`,
  own: (h: Pick<Hazard, 'number'>) => `${hazardId(h)} 是您自己上报的,无需附议;查看进展请发 #隐患 ${hazardId(h)}`,
  closed: (h: Pick<Hazard, 'number'>) => `${hazardId(h)} 已处理完毕,无需附议;问题还在请重新上报,例如:#隐患 消防 3号楼楼道堆放杂物`,
  elsewhere: (label: string) => `隐患 ${label} 不是本群上报的:请在上报它的网格群里附议,例如:#附议 ${label}`,
}
