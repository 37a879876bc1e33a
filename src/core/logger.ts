// One structured log stream for the process: pino JSON (production: stdout or GRIDBOT_LOG_FILE), or readable lines
// (`pretty`, the simulator's log file). Secrets are masked on every line (core/secrets.ts); Wechaty's own log lines
// are routed in by transport/wechaty/brolog-bridge.ts.
import { mkdirSync, openSync } from 'node:fs'
import path from 'node:path'
import { pino, type DestinationStream, type Logger } from 'pino'
import pretty from 'pino-pretty'
import { maskSecrets } from './secrets.ts'

export type { Logger }

export interface LoggerOptions {
  /** Human-readable lines instead of JSON (the simulator). */
  pretty?: boolean
}

/** One root logger; modules take child loggers carrying account, room, message id, job id. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: string, opts: LoggerOptions = {}): Logger {
  const options = {
    level,
    base: { app: 'gridbot' },
    hooks: { streamWrite: maskSecrets },
  }
  let stream: DestinationStream | undefined
  if (opts.pretty) stream = pretty({ destination: destination ?? 1, mkdir: true, colorize: false, sync: true, translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l' })
  // The file is opened here, synchronously: a stream still opening when the process exits (a configuration error at
  // start) made pino's exit flush throw "sonic boom is not ready yet" after the message (issue #29). Writes stay async.
  else if (destination) stream = pino.destination({ dest: openSync(mkdirFor(destination), 'a'), sync: false })
  return stream ? pino(options, stream) : pino(options)
}

function mkdirFor(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true })
  return file
}
