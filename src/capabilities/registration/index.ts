// Registration (登记): a person on the roster links their WeChat contact; a supervisor confirms or rejects.
import { confirmRegistrationCommand, registerCommand, rejectRegistrationCommand } from '../../commands/register.command.ts'
import { registrationTexts } from '../../domain/registration/registration.texts.ts'
import type { Capability } from '../capability.ts'

export const registration: Capability = {
  name: 'registration',
  help: { title: '登记', commands: [registerCommand, confirmRegistrationCommand, rejectRegistrationCommand] },
  texts: { registrationTexts },
}
