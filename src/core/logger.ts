import { pino, type Logger } from 'pino'

export type { Logger }

/** One root logger; modules take child loggers carrying account, room, message id, job id. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: string): Logger {
  return destination
    ? pino({ level, base: { app: 'gridbot' } }, pino.destination({ dest: destination, mkdir: true, sync: false }))
    : pino({ level, base: { app: 'gridbot' } })
}
