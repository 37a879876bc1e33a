// Check-in kinds and their Chinese names: shared vocabulary of check-ins, digests and the 台账 (the kernel holds it so
// that no capability imports another's folder for it).
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
