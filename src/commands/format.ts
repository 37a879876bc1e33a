import type { Role, UnitKind } from '../db/generated/enums.ts'

export const ROLE_LABEL: Record<Role, string> = { admin: '管理员', supervisor: '负责人', grid_cadre: '网格员', volunteer: '志愿者' }
export const UNIT_KIND_LABEL: Record<UnitKind, string> = { district: '区', town: '镇街', community: '社区', grid: '网格' }
