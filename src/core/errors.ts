// Every failure users can meet carries a code (for logs and tests), a log message, and a short Chinese reply.
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly userMessage: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError

/** Malformed arguments: the reply is the problem plus one correct example (the command's own, unless given). */
export class UsageError extends AppError {
  constructor(
    problem: string,
    readonly example?: string,
  ) {
    super('USAGE', `usage: ${problem}`, problem)
  }
}

/** A replayed message, detected by whoever recorded it as handled. */
export class DuplicateMessage extends Error {
  constructor() {
    super('message already handled')
  }
}
