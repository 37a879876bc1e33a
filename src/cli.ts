// `gridbot` command line: start (production roles), sim (terminal or script), org import|generate, db:migrate.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Command } from 'commander'
import { loadEnv, redisLocation, secretsOf, type Env } from './config/env.ts'
import { createLogger, type Logger } from './core/logger.ts'
import { AppError, isAppError } from './core/errors.ts'
import { maskSecrets, registerSecrets } from './core/secrets.ts'
import { accountTexts } from './domain/account/account.texts.ts'
import type { DbOrTx } from './db/client.ts'
import type { StartOptions } from './app/bot.ts'
import { registerOpenApiCommands } from './capabilities/openapi/openapi-cli.ts'
import { cliHelp, cliTexts as t } from './cli.texts.ts'
import { orgGenerateTexts } from './config/org-generate.texts.ts'
// Everything heavier (Wechaty, Prisma, BullMQ, the org file readers) is imported by the command that needs it, so
// `gridbot --help` and a refused start answer at once.

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

/** The simulator's log: readable lines in a file (the terminal is the simulator's). */
function fileLogger(env: Env, name: string): Logger {
  return createLogger(env.LOG_LEVEL, env.GRIDBOT_LOG_FILE ?? path.resolve(env.GRIDBOT_DATA_DIR, name), { pretty: true })
}

/** Settings checked, secrets registered for masking, Wechaty's logs routed into ours: what every command starts with. */
async function setup(env: Env, log: Logger): Promise<void> {
  registerSecrets(secretsOf(env))
  const { routeWechatyLogs } = await import('./transport/wechaty/brolog-bridge.ts')
  routeWechatyLogs(log)
  // Nothing leaves as a raw stack on stderr: it goes into the log stream, and the process ends.
  const fatal = (kind: string) => (err: unknown) => {
    log.fatal({ err }, kind)
    process.stderr.write(t.fatal(maskSecrets((err as Error)?.message ?? String(err))))
    log.flush?.()
    process.exit(1)
  }
  process.on('uncaughtException', fatal('uncaught exception'))
  process.on('unhandledRejection', fatal('unhandled rejection'))
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
  registerSecrets(secretsOf(env))
  const { openDatabase } = await import('./db/client.ts')
  // The exports read from the replica when DATABASE_READ_URL is set (read-replica.ts).
  const db = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL, readUrl: env.DATABASE_READ_URL } : { pgliteDir: path.resolve(env.GRIDBOT_DATA_DIR, 'pglite') },
  )
  await db.migrate()
  return db
}

const program = new Command('gridbot').description(cliHelp.program).showHelpAfterError()

program
  .command('start')
  .description('run the bot on WeChat (DATABASE_URL, REDIS_URL and puppet-service tokens from the environment)')
  .option('--role <role>', 'all | gateway | worker', 'all')
  .option('--org <file>', 'import this org file before starting')
  .option(
    '--accounts <ids>',
    'comma-separated bot accounts this gateway serves (default: the accounts of the org file imported, else all); auto: split them with the other gateways (at most GRIDBOT_GATEWAY_MAX_ACCOUNTS each)',
  )
  .option('--embedded', 'allow the embedded PGlite and a private redis-server for whichever of DATABASE_URL / REDIS_URL is unset')
  .action(async (opts: StartOptions) => {
    const env = loadEnv()
    const log = createLogger(env.LOG_LEVEL, env.GRIDBOT_LOG_FILE)
    if (!['all', 'gateway', 'worker'].includes(opts.role)) throw new Error(t.roleOnly)
    // PGlite lives inside one process: separate gateway and worker processes must share a PostgreSQL server.
    if (opts.role !== 'all' && !env.DATABASE_URL) throw new Error(t.roleNeedsPostgres(opts.role))
    // Production never falls back to the embedded stores silently.
    const missing = [env.DATABASE_URL ? null : 'DATABASE_URL', redisLocation(env) ? null : 'REDIS_URL'].filter((v): v is string => v !== null)
    if (missing.length && !opts.embedded) throw new Error(t.storesMissing(missing))
    await setup(env, log)
    const { startProduction } = await import('./app/production.ts')
    await startProduction(opts, env, log, (stop) => onSignals(stop, log))
  })

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
    const { loadSimOrg } = await import('./config/city-file.ts')
    if (opts.script) {
      const { loadScript, runScript } = await import('./sim/script.ts')
      const { script, dir } = await loadScript(opts.script)
      // A script names the org it was written for (relative to itself); --org overrides it.
      const org = await loadSimOrg(opts.org ?? (script.org ? path.resolve(dir, script.org) : DEMO_ORG))
      // The transcript owns stdout: logs go to GRIDBOT_LOG_FILE when set, else nowhere.
      const log = env.GRIDBOT_LOG_FILE ? createLogger(env.LOG_LEVEL, env.GRIDBOT_LOG_FILE) : createLogger('silent')
      await setup(env, log)
      const throwaway = !env.DATABASE_URL && !redisLocation(env)
      const session = await startSim({ env, ...org, log, start: script.start ? new Date(script.start) : undefined, throwaway })
      const result = await runScript(session, script, dir)
      await session.stop()
      for (const l of result.transcript)
        process.stdout.write(`${JSON.stringify({ at: l.at, room: l.room, from: l.from, text: l.text, mentions: l.mentions })}\n`)
      for (const f of result.failures) process.stderr.write(t.scriptStep(f.step, f.message))
      process.exit(result.ok ? 0 : 1)
    }
    const org = await loadSimOrg(opts.org ?? DEMO_ORG)
    const log = fileLogger(env, 'gridbot.log')
    await setup(env, log)
    process.stdout.write(t.simStarting(!!env.DATABASE_URL, env.REDIS_URL, env.GRIDBOT_LOG_FILE ?? path.join(env.GRIDBOT_DATA_DIR, 'gridbot.log')))
    const session = await startSim({ env, ...org, log })
    const transcript = opts.transcript ?? path.join(env.GRIDBOT_DATA_DIR, 'sim-transcript.jsonl')
    const { writeTranscript } = await import('./sim/transcript-file.ts')
    writeTranscript(session.world, transcript)
    process.stdout.write(t.transcript(transcript))
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
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(t.portRange(s))
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
  const { apiApp } = await import('./http/api/api-routes.ts')
  const api = apiApp({
    work: session.app.deps,
    mediaBaseUrl: null,
    limiter: await (await import('./app/production.ts')).apiKeyLimiter(session.app.queueEnv, loadEnv()),
  })
  const server = await serveConsole(web, '127.0.0.1', port, (req, res, next) => api(req, res, next)).catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'EADDRINUSE' ? t.portInUse(port) : e.message)
  })
  process.stdout.write(t.webSim(server.url))
  return server
}

/** An import's changes, the first 200 of them. */
function printChanges(lines: string[]) {
  for (const l of lines.slice(0, 200)) console.log(l)
  if (lines.length > 200) console.log(t.moreChanges(lines.length))
}

const org = program.command('org').description('the org file: units, rooms, accounts and people')
org
  .command('import <file>')
  .description("import a YAML or xlsx org file, or a city file naming its districts' files (idempotent; prints what changed)")
  .action(async (file: string) => {
    const env = loadEnv()
    const { loadOrgSource } = await import('./config/city-file.ts')
    const { importOrg, importCity, summariseImport, summariseCity } = await import('./app/org-import.ts')
    const source = await loadOrgSource(file)
    // Importing needs only the database, not Redis.
    const db = await openDb(env)
    try {
      if (source.kind === 'city') {
        const report = await importCity(db.prisma, source.source)
        printChanges([report.city, ...report.districts.map((d) => d.report)].flatMap((r) => r.lines))
        for (const l of summariseCity(report)) console.log(l)
        return
      }
      const report = await importOrg(db.prisma, source.spec)
      printChanges(report.lines)
      console.log(summariseImport(report))
    } finally {
      await db.close()
    }
  })
org
  .command('export')
  .description('write the roster (units, groups with room ids, people with linked contact ids) as YAML or xlsx, in the format import reads')
  .requiredOption('--out <file>', 'output file: .xlsx (the office sheet) or .yaml')
  .option('--district <name>', 'the district (needed when the database holds several)')
  .option('--city <name>', "a whole city: --out is the city file (.yaml), its districts' files are written beside it")
  .option('--sheets', "with --city: the districts' files as xlsx sheets (default YAML)")
  .action(async (o: { out: string; district?: string; city?: string; sheets?: boolean }) => {
    const env = loadEnv()
    const { exportRoster } = await import('./app/org-import.ts')
    const { writeOrgFile } = await import('./config/org-write.ts')
    const db = await openDb(env)
    try {
      if (o.city) return await exportCityCli(db.prisma, o.city, o.out, o.sheets ? 'xlsx' : 'yaml')
      const r = await exportRoster(db.prisma, o.district)
      await writeOrgFile(o.out, r.spec)
      console.log(t.rosterWritten(o.out, r.spec.rooms.length, r.spec.members.length, r.unlinked))
      if (r.notExported.length) console.log(t.notExported(r.notExported))
    } finally {
      await db.close()
    }
  })
/** `gridbot org export --city`: the city file and its districts' files, and what they hold. */
async function exportCityCli(db: DbOrTx, city: string, out: string, ext: 'yaml' | 'xlsx') {
  const { exportCityFiles } = await import('./app/org-import.ts')
  const { writeCityFiles } = await import('./config/city-write.ts')
  const { cityExportTexts } = await import('./config/city-write.texts.ts')
  const r = await exportCityFiles(db, city, ext)
  const files = await writeCityFiles(out, r)
  const members = r.city.members.length + r.districts.reduce((n, d) => n + d.spec.members.length, 0)
  console.log(cityExportTexts.written(out, files, members, r.unlinked))
  if (r.notExported.length) console.log(cityExportTexts.notExported(r.notExported))
}

org
  .command('generate')
  .description('write a deterministic district of the given size (--districts N: a city file and N district files beside it)')
  .option('--towns <n>', 'towns', '15')
  .option('--communities <n>', 'communities', '109')
  .option('--grids <n>', 'grids', '1034')
  .option('--accounts <n>', 'bot accounts (default: one per 150 rooms)')
  .option('--district <name>', 'district name', orgGenerateTexts.district)
  .option('--districts <n>', 'a city of this many districts of the size above')
  .requiredOption('--out <file>', 'output YAML file')
  .action(async (o: { towns: string; communities: string; grids: string; accounts?: string; district: string; districts?: string; out: string }) => {
    const { generateDistrict } = await import('./config/org-generate.ts')
    const { default: YAML } = await import('yaml')
    const size = {
      towns: Number(o.towns),
      communities: Number(o.communities),
      grids: Number(o.grids),
      accounts: o.accounts ? Number(o.accounts) : undefined,
    }
    if (o.districts) return writeGeneratedCity(o.out, { ...size, districts: Number(o.districts) })
    const spec = generateDistrict({ district: o.district, ...size })
    await writeFile(o.out, YAML.stringify(spec))
    console.log(t.generated(o.out, spec.rooms.length, spec.members.length, spec.accounts.length))
  })

/** `gridbot org generate --districts N`: the city file at `out`, its districts' files beside it. */
async function writeGeneratedCity(out: string, o: { towns: number; communities: number; grids: number; accounts?: number; districts: number }) {
  const { generateCity } = await import('./config/city-generate.ts')
  const { generatedCityText } = await import('./config/city-generate.texts.ts')
  const { default: YAML } = await import('yaml')
  const g = generateCity({ ...o, base: path.basename(out, path.extname(out)) })
  for (const d of g.districts) await writeFile(path.join(path.dirname(out), d.file), YAML.stringify(d.spec))
  await writeFile(out, YAML.stringify(g.city))
  const all = [g.city, ...g.districts.map((d) => d.spec)]
  const count = (f: (s: (typeof all)[number]) => number) => all.reduce((n, s) => n + f(s), 0)
  console.log(
    generatedCityText(
      out,
      g.districts.length,
      count((s) => s.rooms.length),
      count((s) => s.members.length),
      new Set(all.flatMap((s) => s.accounts.map((a) => a.id))).size,
    ),
  )
}

const exporter = program.command('export').description('records as files for the office and for district platforms')
exporter
  .command('hazards')
  .description('hazard reports as Open311 GeoReport v2 JSON (for a district platform) or CSV (for people)')
  .option('--format <format>', 'open311 | csv', 'open311')
  .option('--since <date>', 'reports made on or after this day (YYYY-MM-DD, China time)')
  .option('--district <name>', 'the district (needed only when the database holds several)')
  .option('--out <file>', 'write here instead of to stdout')
  .action(async (o: { format: string; since?: string; district?: string; out?: string }) => {
    if (o.format !== 'open311' && o.format !== 'csv') throw new Error(t.formatOnly)
    const since = o.since ? await parseDay(o.since) : null
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { exportHazards } = await import('./capabilities/hazards/hazard-export.service.ts')
      const text = await exportHazards(db.prisma, { format: o.format, since, district: o.district ?? null, mediaBaseUrl: env.GRIDBOT_MEDIA_BASE_URL ?? null })
      if (o.out) await writeFile(o.out, text.body)
      else process.stdout.write(text.body)
      if (o.out) console.error(t.hazardsWritten(o.out, text.count))
    } finally {
      await db.close()
    }
  })
exporter
  .command('points')
  .description(cliHelp.points)
  .requiredOption('--month <yyyy-mm>', 'the month, in China time, e.g. 2026-11')
  .option('--district <name>', 'the district (default: the only one in the database)')
  .option('--out <file>', cliHelp.pointsOut)
  .action(async (o: { month: string; district?: string; out?: string }) => {
    await checkMonthOption(o.month)
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { exportPoints } = await import('./capabilities/points/points-export.service.ts')
      const r = await exportPoints(db.prisma, { month: o.month, district: o.district, file: o.out ?? t.pointsFile(o.month) })
      console.log(t.pointsWritten(r.file, r.rows))
    } finally {
      await db.close()
    }
  })

exporter
  .command('ledger')
  .description(cliHelp.ledger)
  .requiredOption('--month <yyyy-mm>', 'the month, in China time, e.g. 2026-11')
  .option('--district <name>', 'the district (default: the only one in the database)')
  .option('--out <file>', cliHelp.ledgerOut)
  .action(async (o: { month: string; district?: string; out?: string }) => {
    await checkMonthOption(o.month)
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { exportLedger } = await import('./capabilities/digests/ledger-export.service.ts')
      const { ledgerTexts } = await import('./capabilities/digests/ledger.texts.ts')
      const r = await exportLedger(db.prisma, { month: o.month, district: o.district, file: o.out ?? t.ledgerFile(o.month) })
      console.log(ledgerTexts.written(r.file, r.rows))
    } finally {
      await db.close()
    }
  })

exporter
  .command('evaluation')
  .description(cliHelp.evaluation)
  .option('--month <yyyy-mm>', 'a month in China time, e.g. 2026-11')
  .option('--quarter <yyyyQn>', 'a quarter, e.g. 2026Q4')
  .option('--year <yyyy>', 'a year, e.g. 2026')
  .option('--district <name>', 'the district (default: the only one in the database)')
  .option('--out <file>', cliHelp.evaluationOut)
  .action(async (o: { month?: string; quarter?: string; year?: string; district?: string; out?: string }) => {
    const { exportEvaluation, exportPeriod } = await import('./capabilities/evaluation/evaluation-export.service.ts')
    if (o.month !== undefined) await checkMonthOption(o.month)
    const period = exportPeriod(o)
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { CAPABILITIES } = await import('./capabilities/index.ts')
      const sheets = CAPABILITIES.flatMap((c) => c.reportSheets ?? [])
      const r = await exportEvaluation(db.prisma, { period, district: o.district, file: o.out, sheets })
      console.log(t.evaluationWritten(r.file, r.rows, r.projects))
    } finally {
      await db.close()
    }
  })

/** "2026-11-01" → the start of that day in China time; a day not on the calendar or not yet come is refused. */
async function parseDay(s: string): Promise<Date> {
  const { checkDay } = await import('./core/cli-dates.ts')
  const r = checkDay(s, new Date())
  if (!r.ok) throw new AppError('CLI_DATE', `bad --since ${s}`, r.message)
  return r.value
}

/** "2026-11": a real month that has begun (an empty workbook for a month to come helps nobody). */
async function checkMonthOption(s: string): Promise<string> {
  const { checkMonth } = await import('./core/cli-dates.ts')
  const r = checkMonth(s, new Date())
  if (!r.ok) throw new AppError('CLI_MONTH', `bad --month ${s}`, r.message)
  return r.value
}

program
  .command('accounts')
  .description("every bot account's link state (online, waiting for a scan, logged out, disconnected, token refused) and since when")
  .action(async () => {
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { listAccounts } = await import('./domain/account/account-status.service.ts')
      const { readLeaseHolders } = await import('./outbound/lease-report.ts')
      const rows = await listAccounts(db.prisma)
      const holders = await readLeaseHolders(
        redisLocation(env),
        env.GRIDBOT_QUEUE_PREFIX,
        rows.map((a) => a.id),
      )
      console.log(accountTexts.listHeader())
      for (const a of rows) console.log(accountTexts.listLine(a, holders))
    } finally {
      await db.close()
    }
  })

program
  .command('rooms')
  .description("each account's groups with their binding (unbound first)")
  .action(async () => {
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { listRooms } = await import('./domain/account/account-status.service.ts')
      const { pendingByRoom, unboundGroups } = await import('./capabilities/binding/binding.service.ts')
      const { groupsListTexts } = await import('./capabilities/binding/binding.texts.ts')
      // First the WeChat groups the accounts are in that nothing is bound to (with their proposal, or why none).
      const groups = await unboundGroups(db.prisma)
      console.log(groupsListTexts.header(groups.length))
      for (const g of groups) console.log(groupsListTexts.line(g))
      console.log('')
      const rows = await listRooms(db.prisma)
      const proposals = await pendingByRoom(db.prisma)
      console.log(accountTexts.roomsHeader(rows.filter((r) => !r.wxRoomId).length, rows.length))
      for (const r of rows) console.log(accountTexts.roomLine(r, proposals.get(r.id)))
    } finally {
      await db.close()
    }
  })

const outboxCmd = program.command('outbox').description('posts the bot could not deliver')
outboxCmd
  .command('failed')
  .description('posts whose send gave up (account left the room, WeChat refused), oldest first')
  .action(async () => {
    const env = loadEnv()
    const db = await openDb(env)
    try {
      const { failedPosts } = await import('./kernel/outbox/outbox.service.ts')
      const { outboxTexts } = await import('./outbound/outbox.texts.ts')
      const rows = await failedPosts(db.prisma)
      console.log(outboxTexts.failedHeader(rows.length))
      for (const r of rows) console.log(outboxTexts.failedLine(r))
    } finally {
      await db.close()
    }
  })
outboxCmd
  .command('retry [keys...]')
  .description('send the failed posts again (all, or the keys given); needs Redis (REDIS_URL) and a running gateway')
  .action(async (keys: string[]) => {
    const env = loadEnv()
    const log = createLogger('warn')
    const { openInfra } = await import('./infra.ts')
    const infra = await openInfra(env, log)
    const { createQueueEnv, closeRedis } = await import('./jobs/queues.ts')
    const { QueueOutbox } = await import('./outbound/outbox.ts')
    const { takeFailedPosts } = await import('./kernel/outbox/outbox.service.ts')
    const { outboxTexts } = await import('./outbound/outbox.texts.ts')
    const queueEnv = createQueueEnv(infra.redisUrl, env.GRIDBOT_QUEUE_PREFIX)
    const outbox = new QueueOutbox(queueEnv)
    try {
      const posts = await takeFailedPosts(infra.db.prisma, keys.length ? keys : null)
      for (const p of posts) await outbox.resend(p.message, p.key)
      console.log(outboxTexts.retried(posts.length))
    } finally {
      await outbox.close()
      await closeRedis(queueEnv.connection)
      await infra.close()
    }
  })

program
  .command('db:migrate')
  .description('apply committed migrations to DATABASE_URL (or the embedded PGlite)')
  .action(async () => {
    const env = loadEnv({ ...process.env, GRIDBOT_AUTO_MIGRATE: 'false' })
    const { openDatabase } = await import('./db/client.ts')
    const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: path.resolve(env.GRIDBOT_DATA_DIR, 'pglite') })
    const applied = await db.migrate()
    console.log(t.migrated(applied))
    await db.close()
  })

program
  .command('backup')
  .description('back up the database: pg_dump of DATABASE_URL (custom format), or the embedded PGlite folder as .tar.gz')
  .option('--out <file>', 'output file (default: gridbot-<time>.dump, or .tar.gz for PGlite)')
  .action(async (o: { out?: string }) => {
    const env = loadEnv()
    registerSecrets(secretsOf(env))
    const { backup } = await import('./db/backup.ts')
    const target = await backupTarget(env)
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const file = o.out ?? `gridbot-${stamp}.${'url' in target ? 'dump' : 'tar.gz'}`
    const r = await backup(target, file)
    console.log(t.backedUp(r.file, r.bytes))
    if (env.GRIDBOT_MEDIA_S3_BUCKET) return console.log(t.mediaInS3)
    const { backupMedia } = await import('./db/backup.ts')
    const m = await backupMedia(path.resolve(env.GRIDBOT_DATA_DIR, 'media'), file)
    console.log(t.mediaBackedUp(m))
  })

program
  .command('restore <file>')
  .description('restore a `gridbot backup` file over DATABASE_URL (or into an empty PGlite folder); stop the bot first')
  .option('--yes', 'really replace what the database holds')
  .option('--force', 'restore even while gateways or workers are connected (they would write into the restored data)')
  .action(async (file: string, o: { yes?: boolean; force?: boolean }) => {
    const env = loadEnv()
    registerSecrets(secretsOf(env))
    if (!o.yes) throw new Error(t.restoreNeedsYes)
    const { restore, restoreMedia } = await import('./db/backup.ts')
    // A gateway or worker still running would write into the restored database: refuse while any is connected.
    const redisAt = redisLocation(env)
    if (env.DATABASE_URL && redisAt && !o.force) {
      const { connectedProcesses } = await import('./db/restore-guard.ts')
      const db = await openDb(env)
      const ids = await import('./kernel/org/org.service.ts').then((m) => m.accountIds(db.prisma)).finally(() => db.close())
      const n = await connectedProcesses(redisAt, env.GRIDBOT_QUEUE_PREFIX, ids)
      if (n > 0) throw new Error(t.stillConnected(n))
    }
    await restore(await backupTarget(env), file)
    console.log(t.restored(file))
    if (await restoreMedia(path.resolve(env.GRIDBOT_DATA_DIR, 'media'), file)) console.log(t.mediaRestored(path.resolve(env.GRIDBOT_DATA_DIR, 'media')))
  })

/** pg_dump / pg_restore of the newest PostgreSQL client on the machine (installed when missing), or the PGlite folder. */
async function backupTarget(env: Env) {
  if (!env.DATABASE_URL) return { pgliteDir: path.resolve(env.GRIDBOT_DATA_DIR, 'pglite') }
  const { findPostgresBin } = await import('./runtime/system-packages.ts')
  return { url: env.DATABASE_URL, bin: findPostgresBin((l) => console.error(l)) }
}

// The open API's keys and webhooks (src/capabilities/openapi/openapi-cli.ts).
registerOpenApiCommands(
  program,
  async (fn) => {
    const db = await openDb(loadEnv())
    try {
      return await fn(db.prisma)
    } finally {
      await db.close()
    }
  },
  (line) => console.log(line),
  () => loadEnv().GRIDBOT_WEBHOOK_ALLOW_LOCAL,
)

// A command whose work was left waiting on nothing (a promise no handle keeps alive) would otherwise end with 0.
let finished = false
process.on('beforeExit', () => {
  if (finished) return
  process.stderr.write(t.unfinished)
  process.exitCode = 1
})

program
  .parseAsync()
  .then(() => void (finished = true))
  .catch((e: unknown) => {
    console.error(maskSecrets(isAppError(e) ? e.userMessage : t.failed((e as Error).message)))
    process.exit(1)
  })
