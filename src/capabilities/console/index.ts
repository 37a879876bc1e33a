// The web console's sign-in from a group (#登录): a one-time link for a supervisor.
import { loginCommand } from './login.command.ts'
import { CONSOLE_TITLE, loginCommandTexts, loginTexts } from './login.texts.ts'
import type { Capability } from '../capability.ts'

export const webConsole: Capability = {
  name: 'console',
  help: { title: CONSOLE_TITLE, commands: [loginCommand] },
  texts: { loginTexts, loginCommandTexts },
}
