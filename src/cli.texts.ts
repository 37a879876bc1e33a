// What `gridbot` says on the console to the admin or operator running it: refusals, progress and what was written.
// Help lines that name Chinese files or sheets are here too (cliHelp).
export const cliTexts = {
  fatal: (message: string) => `错误 / error: ${message}\n`,
  failed: (message: string) => `错误:${message}`,
  unfinished: '错误 / error: 命令未完成就结束了 / the command ended before it finished\n',
  roleOnly: '--role 只能是 all、gateway 或 worker',
  roleNeedsPostgres: (role: string) => `--role ${role} 需要 DATABASE_URL(PostgreSQL):内嵌的 PGlite 只能在单个进程中使用`,
  storesMissing: (missing: string[]) =>
    `未设置 ${missing.join('、')}:生产环境需要 PostgreSQL 与 Redis;若确要使用内嵌数据库与私有 redis-server,请加 --embedded\n` +
    `${missing.join(' and ')} not set: production needs PostgreSQL and Redis; pass --embedded to use the embedded PGlite / a private redis-server`,
  scriptStep: (step: number, message: string) => `✗ 第 ${step} 步:${message}\n`,
  simStarting: (postgres: boolean, redis: string | undefined, log: string) =>
    `正在启动(数据库:${postgres ? 'PostgreSQL' : 'PGlite 内嵌'},Redis:${redis ?? '本地 redis-server'},日志:${log})…\n`,
  transcript: (file: string) => `对话记录(JSON 行):${file}\n`,
  portRange: (s: string) => `端口应为 0–65535 的整数:${s}`,
  portInUse: (port: number) => `端口 ${port} 已被占用:请用 --web <其他端口>`,
  webSim: (url: string) => `网页模拟器:${url}(看板 ${url}board,组织架构 ${url}org)\n`,
  moreChanges: (n: number) => `……共 ${n} 项变更`,
  rosterWritten: (out: string, rooms: number, members: number, unlinked: number) => `已写入 ${out}:${rooms} 个群,${members} 名成员(其中 ${unlinked} 名待登记)`,
  notExported: (names: string[]) => `注意:名单不含 ${names.join('、')};再次导入此文件会清除它们,请在原 YAML 中保留。`,
  generated: (out: string, rooms: number, members: number, accounts: number) => `已写入 ${out}:${rooms} 个群,${members} 名成员,${accounts} 个机器人账号`,
  formatOnly: '--format 只能是 open311 或 csv',
  hazardsWritten: (out: string, count: number) => `已写入 ${out}:${count} 条隐患`,
  pointsFile: (month: string) => `积分台账-${month}.xlsx`,
  pointsWritten: (file: string, rows: number) => `已写入 ${file}:${rows} 条积分记录`,
  ledgerFile: (month: string) => `台账-${month}.xlsx`,
  evaluationWritten: (file: string, rows: number, projects: number) => `已写入 ${file}:${rows} 名干部,${projects} 个项目`,
  migrated: (applied: string[]) => (applied.length ? `已应用:${applied.join(', ')}` : '数据库已是最新'),
  backedUp: (file: string, bytes: number) => `已备份 / backed up: ${file} (${bytes} bytes)`,
  mediaInS3: '图片在 S3 存储桶中,请用存储桶自身的备份 / media are in the S3 bucket: back it up with its own tools',
  mediaBackedUp: (m: { file: string; bytes: number } | null) =>
    m ? `已备份图片 / media backed up: ${m.file} (${m.bytes} bytes)` : '没有图片目录 / no media folder',
  restoreNeedsYes: '恢复会覆盖数据库中的数据:确认请加 --yes / restoring replaces the database contents: pass --yes',
  stillConnected: (n: number) =>
    `还有 ${n} 个 gridbot 进程在运行(网关或 worker):请先全部停止再恢复 / ${n} gridbot processes are still connected: stop every gateway and worker first (or pass --force)`,
  restored: (file: string) => `已恢复 / restored: ${file}`,
  mediaRestored: (dir: string) => `已恢复图片 / media restored into ${dir}`,
}

export const cliHelp = {
  program: '网格助手 — grid governance chat-ops bot',
  points: "a month's points ledger as .xlsx (Chinese headers) for the 台账",
  pointsOut: 'output file (default: 积分台账-<month>.xlsx)',
  ledger: "a month's 台账 as .xlsx: sheets 签到 任务 隐患 志愿 积分 项目 (Chinese headers)",
  ledgerOut: 'output file (default: 台账-<month>.xlsx)',
  evaluation: 'cadre evaluation (月度评价 · 季度考核 · 年度评定) as .xlsx: scores, grades, and the 项目 sheet',
  evaluationOut: 'output file (default: 干部评价-<period>.xlsx)',
}
