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

/**
 * The one way a rule says no: `refuser('task')` gives a capability its `refuse(code, reply)`, typed by its union of
 * refusal codes. The code is for tests and logs, the log message says which capability refused what (English), the
 * reply is the capability's text for it.
 */
export const refuser =
  <Code extends string>(capability: string) =>
  (code: Code, userMessage: string): AppError =>
    new AppError(code, `${capability} refused: ${code}`, userMessage)

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
