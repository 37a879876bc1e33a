// Group binding (绑定): which WeChat group speaks for which unit, bound by command or by confirming a proposal.
import { confirmBindingCommand, refuseBindingCommand } from './bind-proposal.command.ts'
import { bindCommand } from './bind.command.ts'
import { BINDING_TITLE, bindCommandTexts, bindingTexts } from './binding.texts.ts'
import type { Capability } from '../capability.ts'

export const binding: Capability = {
  name: 'binding',
  // One line of #帮助 with the console's login (管理).
  help: { title: BINDING_TITLE, commands: [bindCommand, confirmBindingCommand, refuseBindingCommand] },
  texts: { bindingTexts, bindCommandTexts },
}
