// Registration (登记): a person on the roster links their WeChat contact; a supervisor confirms or rejects.
import { confirmRegistrationCommand, registerCommand, rejectRegistrationCommand } from './register.command.ts'
import { registrationTexts } from './registration.texts.ts'
import { REGISTRATION_TITLE, registrationCommandTexts, registrationParseTexts } from './registration-parse.texts.ts'
import type { Capability } from '../capability.ts'
import { registrationHint } from './registration.service.ts'

export const registration: Capability = {
  name: 'registration',
  help: { title: REGISTRATION_TITLE, commands: [registerCommand, confirmRegistrationCommand, rejectRegistrationCommand] },
  guestHint: async (db, room, displayName, talkerId) => {
    const hint = await registrationHint({ db }, room, displayName, talkerId)
    return hint && registrationTexts.hint(hint)
  },
  texts: { registrationTexts, registrationParseTexts, registrationCommandTexts },
}
