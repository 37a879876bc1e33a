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
  run(ctx: MessageContext): Promise<void>
}

/** Thrown by a handler for malformed arguments: the router replies with the problem and the command's example. */
export class UsageError extends AppError {
  constructor(problem: string) {
    super('USAGE', `usage: ${problem}`, problem)
  }
}
