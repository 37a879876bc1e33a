// The eight categories of 安全隐患 and how they are recognised from what people type. Pure and table-tested.
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

const BY_LABEL = new Map(Object.entries(CATEGORY_LABEL).map(([k, v]) => [v, k as HazardCategory]))

/** Category from its Chinese label (消防 …) or its English code (fire …); null when neither. */
export function categoryOf(word: string | undefined): HazardCategory | null {
  if (!word) return null
  const w = word.trim()
  const byLabel = BY_LABEL.get(w)
  if (byLabel) return byLabel
  return w.toLowerCase() in CATEGORY_LABEL ? (w.toLowerCase() as HazardCategory) : null
}

/**
 * Words that point to a category. Longer, more specific words count more; on a tie the more dangerous category wins
 * (the order of this table), so 楼道里电动车充电 is fire before electrical.
 */
const KEYWORDS: [HazardCategory, string[]][] = [
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

/** The category the words point to most, or 其他 when none. */
export function recogniseCategory(text: string): HazardCategory {
  let best: HazardCategory = 'other'
  let bestScore = 0
  for (const [category, words] of KEYWORDS) {
    let score = 0
    for (const w of words) if (text.includes(w)) score += w.length
    if (score > bestScore) {
      best = category
      bestScore = score
    }
  }
  return best
}
