// Resources (资源清单 · 对接): what units, partners and volunteers offer, matched to tasks and needs.
import { matchCommand, resourceCommand, resourceListCommand } from './resource.command.ts'
import { resourceHelpTitle, resourceTexts } from './resource.texts.ts'
import type { Capability } from '../capability.ts'
import { onTaskCompleted } from './subscribers.ts'

export const resources: Capability = {
  name: 'resources',
  help: { title: resourceHelpTitle, commands: [resourceCommand, resourceListCommand, matchCommand] },
  events: { publishes: ['member.credited'], subscribes: [onTaskCompleted] },
  texts: { resourceTexts },
}
