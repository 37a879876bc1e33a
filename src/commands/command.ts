import { AppError } from '../core/errors.ts'
import type { Role } from '../db/generated/enums.ts'
import type { MessageContext } from '../pipeline/context.ts'

export interface CommandDef {
  /** The Chinese keyword users type first. */
  name: string
  /** Other Chinese words and the English alias. */
  aliases: string[]
  summary: string
  usage: string
  /** One correct example, shown with every usage error. */
  example: string
  /** Guests (people not in the org) may use it. */
  guest?: boolean
  /** Roles allowed; absent = every member. */
  roles?: Role[]
  /**
   * Hot path: for these arguments the handler's single SQL statement records the message as handled itself
   * (and throws DuplicateMessage when it already was), so no surrounding transaction is opened.
   */
  recordsItself?(ctx: MessageContext): boolean
  run(ctx: MessageContext): Promise<void>
}

/** A replayed message, detected by whoever recorded it as handled. */
export class DuplicateMessage extends Error {
  constructor() {
    super('message already handled')
  }
}

/** Thrown by a handler for malformed arguments: the router replies with the problem and the command's example. */
export class UsageError extends AppError {
  constructor(problem: string) {
    super('USAGE', `usage: ${problem}`, problem)
  }
}
