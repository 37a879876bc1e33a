// The categories of 安全隐患 in Chinese: their labels, and the words people type that point to each (input vocabulary).
import type { HazardCategory } from './hazard.types.ts'

export const CATEGORY_LABEL: Record<HazardCategory, string> = {
  fire: '消防',
  electrical: '用电',
  gas: '燃气',
  traffic: '交通',
  building: '建筑',
  public_order: '治安',
  environment: '环境',
  other: '其他',
}

/**
 * Words that point to a category. Longer, more specific words count more; on a tie the more dangerous category wins
 * (the order of this table), so 楼道里电动车充电 is fire before electrical.
 */
export const CATEGORY_KEYWORDS: [HazardCategory, string[]][] = [
  ['gas', ['燃气', '煤气', '天然气', '液化气', '气罐', '煤气罐', '漏气', '燃气管', '燃气表', '燃气灶', '闻到气味']],
  [
    'fire',
    [
      '消防',
      '火灾',
      '着火',
      '起火',
      '失火',
      '冒烟',
      '烟雾',
      '明火',
      '灭火器',
      '消火栓',
      '消防栓',
      '消防通道',
      '安全出口',
      '疏散',
      '易燃',
      '楼道堆放',
      '堆放杂物',
      '堆物',
      '电动车',
      '楼道充电',
      '飞线充电',
      '烧烤',
      '焚烧',
    ],
  ],
  ['electrical', ['电线', '裸露', '漏电', '私拉', '乱拉', '飞线', '电箱', '配电', '插座', '触电', '电表', '线路老化', '电缆', '变压器', '充电']],
  [
    'building',
    [
      '建筑',
      '墙体',
      '墙皮',
      '裂缝',
      '开裂',
      '脱落',
      '坍塌',
      '倒塌',
      '危房',
      '外墙',
      '广告牌',
      '空调外机',
      '高空',
      '坠物',
      '阳台',
      '楼板',
      '脚手架',
      '围墙',
      '违建',
      '护栏松动',
      '电梯',
    ],
  ],
  ['traffic', ['交通', '红绿灯', '信号灯', '斑马线', '占道', '车辆', '停车', '井盖', '路面', '坑洼', '塌陷', '道路', '路口', '减速带', '路灯', '逆行', '车祸']],
  ['public_order', ['治安', '打架', '斗殴', '盗窃', '被盗', '小偷', '可疑人员', '可疑', '诈骗', '赌博', '醉酒', '闹事', '寻衅', '传销', '吸毒']],
  [
    'environment',
    [
      '环境',
      '垃圾',
      '污水',
      '积水',
      '臭',
      '异味',
      '粉尘',
      '扬尘',
      '噪音',
      '绿化',
      '树木',
      '树枝',
      '倒伏',
      '下水道',
      '化粪池',
      '卫生',
      '老鼠',
      '蚊虫',
      '排污',
      '油烟',
    ],
  ],
]

/** The org file's policy names a category that is none of these. */
export const categoryOnly = `类别只能是 ${Object.values(CATEGORY_LABEL).join('、')}`
