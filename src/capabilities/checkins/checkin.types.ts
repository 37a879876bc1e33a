export type CheckinType = 'patrol' | 'visit' | 'meeting' | 'service' | 'publicity' | 'mediation' | 'collection'

export const CHECKIN_TYPE_LABEL: Record<CheckinType, string> = {
  patrol: '巡查',
  visit: '走访',
  meeting: '议事',
  service: '服务',
  publicity: '宣传',
  mediation: '调解',
  collection: '采集',
}
