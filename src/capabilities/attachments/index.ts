// Locations and images sent in a group: they go to what their sender just did there (a check-in, a hazard report, a
// task completed, a 六个一 item). The router asks each of those capabilities' services; it adds no command.
import { handleAttachment } from './attachment.handler.ts'
import type { Capability } from '../capability.ts'

export const attachments: Capability = {
  name: 'attachments',
  attachment: handleAttachment,
}
