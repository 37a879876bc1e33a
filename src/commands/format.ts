import type { Role } from '../db/generated/enums.ts'

export const ROLE_LABEL: Record<Role, string> = { admin: '管理员', supervisor: '负责人', grid_cadre: '网格员', volunteer: '志愿者' }
