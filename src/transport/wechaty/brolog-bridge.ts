// Wechaty, its puppets and file-box log through brolog (one instance per package, each printing to the console).
// This routes every instance's lines into our pino stream with their level (ERR → error, WARN → warn, INFO → info,
// VERB → debug, SILL → trace), tagged `source: wechaty` and the brolog prefix as `module`, so the process has one
// structured stream and nothing of Wechaty's reaches stderr as raw text. brolog's own level (WECHATY_LOG) still
// filters first; it follows LOG_LEVEL unless WECHATY_LOG is set.
import { format } from 'node:util'
import { log as wechatyLog } from 'wechaty-puppet'
import type { Logger } from '../../core/logger.ts'

type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace'
const LEVELS: Record<string, Level> = { ERR: 'error', WARN: 'warn', INFO: 'info', VERB: 'debug', SILL: 'trace' }
const BROLOG_LEVEL: Record<string, 'error' | 'warn' | 'info' | 'verbose' | 'silly' | 'silent'> = {
  fatal: 'error',
  error: 'error',
  warn: 'warn',
  info: 'info',
  debug: 'verbose',
  trace: 'silly',
  silent: 'silent',
}

let target: Logger | null = null

/** Routes Wechaty's logs into `log` (the latest call wins). */
export function routeWechatyLogs(log: Logger): void {
  const first = target === null
  target = log.child({ source: 'wechaty' })
  if (!process.env.WECHATY_LOG) wechatyLog.level(BROLOG_LEVEL[log.level] ?? 'info')
  if (!first) return
  // brolog's `log(levelTitle, prefix, message, ...args)` is on the class every package's instance shares.
  const proto = Object.getPrototypeOf(wechatyLog) as { log: (levelTitle: string, prefix: string, message?: string, ...args: unknown[]) => void }
  proto.log = (levelTitle, prefix, message = '', ...args) => {
    const level = LEVELS[levelTitle] ?? 'info'
    target?.[level]({ module: prefix }, format(String(message), ...args))
  }
}
