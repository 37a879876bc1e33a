// What an operator is told when the database cannot be reached, initialised, migrated, backed up or restored.
export const dbTexts = {
  noPgliteDir: (dir: string) => `PGlite 数据目录不存在 / no PGlite data folder at ${dir}`,
  pgliteDirNotEmpty: (dir: string) => `PGlite 数据目录不为空 / the PGlite data folder is not empty: move ${dir} aside first`,
  toolFailed: (name: string, reason: string) => `${name} 失败 / failed: ${reason}`,
  initdbFailed: (reason: string) => `PGlite 数据目录初始化失败 / initdb failed: ${reason}`,
  migrationEdited: (names: string[]) => `已应用的迁移被修改过 / applied migration(s) edited since they were applied: ${names.join(', ')}. `,
  unreachable: (where: string, last: string) => `无法连接 PostgreSQL(DATABASE_URL=${where}):${last}`,
}
