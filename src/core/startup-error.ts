// A start that cannot go on (a store unreachable, a setting missing): a code, the log message, and the line the
// operator reads on stderr in Chinese and English. The CLI prints `userMessage` and exits non-zero.
import { AppError } from './errors.ts'

export class StartupError extends AppError {
  constructor(code: string, zh: string, en: string) {
    super(code, en, `${zh}\n${en}`)
    this.name = 'StartupError'
  }
}
