// `gridbot` command line: start (production roles), sim (terminal or script), org import|generate, db:migrate.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Command } from 'commander'
import YAML from 'yaml'
import { accountTokens, loadEnv, type Env } from './config/env.ts'
import { loadOrgFile } from './config/org-file.ts'
import { generateDistrict } from './config/org-generate.ts'
import { createLogger, type Logger } from './core/logger.ts'
import { isAppError } from './core/errors.ts'
import { openInfra, type Infra } from './infra.ts'
import { startApp, type Role } from './main.ts'
import { importOrg, summariseImport } from './domain/org/org-import.service.ts'
import { WechatyTransport } from './transport/wechaty/wechaty-transport.ts'
import { createServicePuppet } from './transport/wechaty/service-puppet.ts'
import { systemClock } from './core/clock.ts'
import { fromLocal } from './core/local-time.ts'
import { FileMediaStore } from './storage/file-media-store.ts'

const ROOT = path.resolve(import.meta.dirname, '..')

// A .env beside the project configures production runs; variables already set win.
if (!process.env.GRIDBOT_NO_DOTENV) {
  try {
    process.loadEnvFile(path.resolve('.env'))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
}
export const DEMO_ORG = path.join(ROOT, 'examples/demo-org.yaml')

function fileLogger(env: Env, name: string): Logger {
  return createLogger(env.LOG_LEVEL, env.GRIDBOT_LOG_FILE ?? path.resolve(env.GRIDBOT_DATA_DIR, name))
}

function onSignals(stop: () => Promise<void>, log: Logger) {
  let once = false
  const handler = (sig: string) => {
    if (once) return
    once = true
    log.info({ sig }, 'stopping: draining in-flight jobs')
    stop()
      .then(() => process.exit(0))
      .catch((err) => {
        log.error({ err }, 'unclean stop')
        process.exit(1)
      })
  }
  process.on('SIGTERM', handler)
  process.on('SIGINT', handler)
}

/** The database alone (no Redis), migrated: what the file commands need. */
async function openDb(env: Env) {
  const { openDatabase } = await import('./db/client.ts')
  const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.resolve(env.GRIDBOT_DATA_DIR, 'pglite') })
  await db.migrate()
  return db
}

const program = new Command('gridbot').description('网格助手 — grid governance chat-ops bot').showHelpAfterError()

program
  .command('start')
  .description('run the bot on WeChat (DATABASE_URL, REDIS_URL and puppet-service tokens from the environment)')
  .option('--role <role>', 'all | gateway | worker', 'all')
  .option('--org <file>', 'import this org file before starting')
  .option('--accounts <ids>', 'comma-separated bot accounts this gateway serves (default: all)')
  .action(async (opts: { role: Role; org?: string; accounts?: string }) => {
    const env = loadEnv()
    const log = createLogger(env.LOG_LEVEL, env.GRIDBOT_LOG_FILE)
    if (!['all', 'gateway', 'worker'].includes(opts.role)) throw new Error('--role 只能是 all、gateway 或 worker')
    // PGlite lives inside one process: separate gateway and worker processes must share a PostgreSQL server.
    if (opts.role !== 'all' && !env.DATABASE_URL) throw new Error(`--role ${opts.role} 需要 DATABASE_URL(PostgreSQL):内嵌的 PGlite 只能在单个进程中使用`)
    const infra = await openInfra(env, log)
    try {
      await runStart(opts, env, log, infra)
    } catch (e) {
      await infra.close() // never leave a private redis-server behind a failed start
      throw e
    }
  })

async function runStart(opts: { role: Role; org?: string; accounts?: string }, env: Env, log: Logger, infra: Infra) {
  const orgFile = opts.org ?? env.GRIDBOT_ORG_FILE
  if (orgFile) log.info(summariseImport(await importOrg(infra.db.prisma, await loadOrgFile(orgFile))))
  const token = accountTokens(env)
  const accounts = (opts.accounts ?? env.GRIDBOT_ACCOUNTS)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const app = await startApp({
    role: opts.role,
    env,
    infra,
    log,
    accounts,
    makeTransport: (accountId) => {
      const t = token(accountId)
      if (!t) throw new Error(`账号 ${accountId} 没有 puppet-service token:设置 GRIDBOT_TOKENS=${accountId}=<token> 或 WECHATY_PUPPET_SERVICE_TOKEN`)
      return new WechatyTransport({
        accountId,
        puppet: createServicePuppet(t, env.WECHATY_PUPPET_SERVICE_ENDPOINT),
        clock: systemClock,
        log,
        media: new FileMediaStore(path.resolve(env.GRIDBOT_DATA_DIR, 'media')),
      })
    },
  })
  // Signals first: a stop asked for while the console starts still drains the app.
  let web: { close(): Promise<void> } | null = null
  onSignals(async () => {
    await web?.close()
    await app.stop()
    await infra.close()
  }, log)
  const { startProductionConsole } = await import('./web/production-server.ts')
  web = await startProductionConsole({ db: infra.db.prisma, transports: app.transports, log })
}

program
  .command('sim')
  .description('the simulator: a terminal shell (and with --web the same district in a browser), or a conversation script with --script')
  .option('--org <file>', "org file (YAML or xlsx); default: the script's own org: line, else the demo district")
  .option('--script <file>', 'run this conversation script and print the transcript as JSON lines')
  .option('--web [port]', 'also serve the simulator, board and org view in a browser on 127.0.0.1 (default port 8080)')
  .option('--transcript <file>', 'write every message as JSON lines here (default: <GRIDBOT_DATA_DIR>/sim-transcript.jsonl)')
  .action(async (opts: { org?: string; script?: string; web?: string | true; transcript?: string }) => {
    const env = loadEnv()
    const { startSim } = await import('./sim/session.ts')
    if (opts.script) {
      const { loadScript, runScript } = await import('./sim/script.ts')
      const { script, dir } = await loadScript(opts.script)
      // A script names the org it was written for (relative to itself); --org overrides it.
      const spec = await loadOrgFile(opts.org ?? (script.org ? path.resolve(dir, script.org) : DEMO_ORG))
      // The transcript owns stdout: logs go to GRIDBOT_LOG_FILE when set, else nowhere.
      const log = env.GRIDBOT_LOG_FILE ? createLogger(env.LOG_LEVEL, env.GRIDBOT_LOG_FILE) : createLogger('silent')
      const throwaway = !env.DATABASE_URL && !env.REDIS_URL
      const session = await startSim({ env, spec, log, start: script.start ? new Date(script.start) : undefined, throwaway })
      const result = await runScript(session, script, dir)
      await session.stop()
      for (const l of result.transcript)
        process.stdout.write(`${JSON.stringify({ at: l.at, room: l.room, from: l.from, text: l.text, mentions: l.mentions })}\n`)
      for (const f of result.failures) process.stderr.write(`✗ 第 ${f.step} 步:${f.message}\n`)
      process.exit(result.ok ? 0 : 1)
    }
    const spec = await loadOrgFile(opts.org ?? DEMO_ORG)
    const log = fileLogger(env, 'gridbot.log')
    process.stdout.write(
      `正在启动(数据库:${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite 内嵌'},Redis:${env.REDIS_URL ?? '本地 redis-server'},日志:${env.GRIDBOT_LOG_FILE ?? path.join(env.GRIDBOT_DATA_DIR, 'gridbot.log')})…\n`,
    )
    const session = await startSim({ env, spec, log })
    const transcript = opts.transcript ?? path.join(env.GRIDBOT_DATA_DIR, 'sim-transcript.jsonl')
    const { writeTranscript } = await import('./sim/transcript-file.ts')
    writeTranscript(session.world, transcript)
    process.stdout.write(`对话记录(JSON 行):${transcript}\n`)
    const web = opts.web === undefined ? null : await startSimConsole(session, opts.web === true ? 8080 : parsePort(opts.web), log)
    const { runShell } = await import('./sim/shell.ts')
    let stopped = false
    const stop = async () => {
      if (stopped) return
      stopped = true
      await web?.close()
      await session.stop()
    }
    onSignals(stop, log)
    const ended = await runShell(session)
    // With the browser open, the end of a piped stdin does not end the simulator: Ctrl+C (or /quit) does.
    if (ended === 'eof' && web) return
    await stop()
    process.exit(0)
  })

function parsePort(s: string): number {
  const n = Number(s)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`端口应为 0–65535 的整数:${s}`)
  return n
}

/** The simulator in a browser: loopback only, no login. */
async function startSimConsole(session: import('./sim/session.ts').SimSession, port: number, log: Logger) {
  const { createConsole } = await import('./web/console.ts')
  const { serveConsole } = await import('./web/serve.ts')
  const web = createConsole({
    db: session.infra.db.prisma,
    clock: session.clock,
    log,
    accounts: () => session.app.transports.map((t) => t.status()),
    mode: { kind: 'sim', session },
  })
  const server = await serveConsole(web, '127.0.0.1', port).catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'EADDRINUSE' ? `端口 ${port} 已被占用:请用 --web <其他端口>` : e.message)
  })
  process.stdout.write(`网页模拟器:${server.url}(看板 ${server.url}board,组织架构 ${server.url}org)\n`)
  return server
}

const org = program.command('org').description('the org file: units, rooms, accounts and people')
org
  .command('import <file>')
  .description('import a YAML or xlsx org file (idempotent; prints what changed)')
  .action(async (file: string) => {
    const env = loadEnv()
    const spec = await loadOrgFile(file)
    // Importing needs only the database, not Redis.
    const db = await openDb(env)
    try {
      const report = await importOrg(db.prisma, spec)
      for (const l of report.lines.slice(0, 200)) console.log(l)
      if (report.lines.length > 200) console.log(`……共 ${report.lines.length} 项变更`)
      console.log(summariseImport(report))
    } finally {
      await db.close()
    }
  })
org
  .command('generate')
  .description('write a deterministic district of the given size')
  .option('--towns <n>', 'towns', '15')
  .option('--communities <n>', 'communities', '109')
  .option('--grids <n>', 'grids', '1034')
  .option('--accounts <n>', 'bot accounts (default: one per 150 rooms)')
  .option('--district <name>', 'district name', '示范区')
  .requiredOption('--out <file>', 'output YAML file')
  .action(async (o: { towns: string; communities: string; grids: string; accounts?: string; district: string; out: string }) => {
    const spec = generateDistrict({
      district: o.district,
      towns: Number(o.towns),
      communities: Number(o.communities),
      grids: Number(o.grids),
      accounts: o.accounts ? Number(o.accounts) : undefined,
    })
    await writeFile(o.out, YAML.stringify(spec))
    console.log(`已写入 ${o.out}:${spec.rooms.length} 个群,${spec.members.length} 名成员,${spec.accounts.length} 个机器人账号`)
  })

const exporter = program.command('export').description('records as files for the office and for district platforms')
exporter
  .command('hazards')
  .description('hazard reports as Open311 GeoReport v2 JSON (for a district platform) or CSV (for people)')
  .option('--format <format>', 'open311 | csv', 'open311')
  .option('--since <date>', 'reports made on or after this day (YYYY-MM-DD, China time)')
  .option('--district <name>', 'the district (needed only when the database holds several)')
  .option('--out <file>', 'write here instead of to stdout')
  .action(async (o: { format: string; since?: string; district?: string; out?: string }) => {
    if (o.format !== 'open311' && o.format !== 'csv') throw new Error('--format 只能是 open311 或 csv')
    const since = o.since ? parseDay(o.since) : null
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { exportHazards } = await import('./domain/hazard/hazard-export.service.ts')
      const text = await exportHazards(db.prisma, { format: o.format, since, district: o.district ?? null, mediaBaseUrl: env.GRIDBOT_MEDIA_BASE_URL ?? null })
      if (o.out) await writeFile(o.out, text.body)
      else process.stdout.write(text.body)
      if (o.out) console.error(`已写入 ${o.out}:${text.count} 条隐患`)
    } finally {
      await db.close()
    }
  })
exporter
  .command('points')
  .description("a month's points ledger as .xlsx (Chinese headers) for the 台账")
  .requiredOption('--month <yyyy-mm>', 'the month, in China time, e.g. 2026-11')
  .option('--district <name>', 'the district (default: the only one in the database)')
  .option('--out <file>', 'output file (default: 积分台账-<month>.xlsx)')
  .action(async (o: { month: string; district?: string; out?: string }) => {
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { exportPoints } = await import('./domain/points/points-export.service.ts')
      const r = await exportPoints(db.prisma, { month: o.month, district: o.district, file: o.out ?? `积分台账-${o.month}.xlsx` })
      console.log(`已写入 ${r.file}:${r.rows} 条积分记录`)
    } finally {
      await db.close()
    }
  })

exporter
  .command('ledger')
  .description("a month's 台账 as .xlsx: sheets 签到 任务 隐患 志愿 积分 项目 (Chinese headers)")
  .requiredOption('--month <yyyy-mm>', 'the month, in China time, e.g. 2026-11')
  .option('--district <name>', 'the district (default: the only one in the database)')
  .option('--out <file>', 'output file (default: 台账-<month>.xlsx)')
  .action(async (o: { month: string; district?: string; out?: string }) => {
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { exportLedger } = await import('./domain/digest/ledger-export.service.ts')
      const { ledgerTexts } = await import('./domain/digest/ledger.texts.ts')
      const r = await exportLedger(db.prisma, { month: o.month, district: o.district, file: o.out ?? `台账-${o.month}.xlsx` })
      console.log(ledgerTexts.written(r.file, r.rows))
    } finally {
      await db.close()
    }
  })

exporter
  .command('evaluation')
  .description('cadre evaluation (月度评价 · 季度考核 · 年度评定) as .xlsx: scores, grades, and the 项目 sheet')
  .option('--month <yyyy-mm>', 'a month in China time, e.g. 2026-11')
  .option('--quarter <yyyyQn>', 'a quarter, e.g. 2026Q4')
  .option('--year <yyyy>', 'a year, e.g. 2026')
  .option('--district <name>', 'the district (default: the only one in the database)')
  .option('--out <file>', 'output file (default: 干部评价-<period>.xlsx)')
  .action(async (o: { month?: string; quarter?: string; year?: string; district?: string; out?: string }) => {
    const { exportEvaluation, exportPeriod } = await import('./domain/evaluation/evaluation-export.service.ts')
    const period = exportPeriod(o)
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const r = await exportEvaluation(db.prisma, { period, district: o.district, file: o.out })
      console.log(`已写入 ${r.file}:${r.rows} 名干部,${r.projects} 个项目`)
    } finally {
      await db.close()
    }
  })

/** "2026-11-01" → the start of that day in China time. */
function parseDay(s: string): Date {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim())
  if (!m) throw new Error(`日期格式应为 YYYY-MM-DD:${s}`)
  return fromLocal(Number(m[1]), Number(m[2]), Number(m[3]))
}

program
  .command('db:migrate')
  .description('apply committed migrations to DATABASE_URL (or the embedded PGlite)')
  .action(async () => {
    const env = loadEnv({ ...process.env, GRIDBOT_AUTO_MIGRATE: 'false' })
    const { openDatabase } = await import('./db/client.ts')
    const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.resolve(env.GRIDBOT_DATA_DIR, 'pglite') })
    const applied = await db.migrate()
    console.log(applied.length ? `已应用:${applied.join(', ')}` : '数据库已是最新')
    await db.close()
  })

program.parseAsync().catch((e: unknown) => {
  console.error(isAppError(e) ? e.userMessage : `错误:${(e as Error).message}`)
  process.exit(1)
})
