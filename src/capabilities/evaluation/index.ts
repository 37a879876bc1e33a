// Cadre evaluation (评价): a period's score from check-ins, tasks, projects, hazards, hours, acknowledgements and the six.
import { evaluationCommand, gradeCommand } from './evaluation.command.ts'
import { evaluationPolicy } from './evaluation-policy.ts'
import { evaluationHelpTitle, evaluationTexts } from './evaluation.texts.ts'
import type { Capability } from '../capability.ts'

export const evaluation: Capability = {
  name: 'evaluation',
  help: { title: evaluationHelpTitle, commands: [evaluationCommand, gradeCommand] },
  policy: evaluationPolicy,
  texts: { evaluationTexts },
}
