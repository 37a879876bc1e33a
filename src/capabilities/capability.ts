// What a capability declares, in one place: the composition root, the command registry, #帮助, the sweeper, the
// timers worker, the outbox's sent/failed marks, /metrics and the domain events all loop over the capability list
// (capabilities/index.ts) and name no capability. Adding one is a folder and a line in that list.
import type ExcelJS from 'exceljs'
import type { Clock } from '../core/clock.ts'
import type { Metrics } from '../core/metrics.ts'
import type { SendPace } from '../core/ports.ts'
import type { Db, DbOrTx } from '../db/client.ts'
import type { AttachmentClaim } from '../kernel/attachments.ts'
import type { EventName, Subscriber } from '../kernel/events.ts'
import type { BoundRoom } from '../kernel/org/org.types.ts'
import type { PolicySlice } from '../kernel/policy/slice.ts'
import type { TimerSource } from '../kernel/timers/sweeper.ts'
import type { TimerDeps, TimerStep } from '../kernel/timers/timer-step.ts'
import type { Work } from '../kernel/work.ts'
import type { AcknowledgementHandler, AnyCommand, AttachmentHandler, VoiceHandler } from '../pipeline/command.ts'

/** The attachments router: a location or image, and the claims every capability declared. */
export type AttachmentRouter = (ctx: Parameters<AttachmentHandler>[0], claims: readonly AttachmentClaim[]) => Promise<void>

/** A timer job as its handler sees it: the step, and the job's attempts (a last attempt may give up cleanly). */
export type TimerRun = (step: TimerStep, job?: { attemptsMade: number; opts: { attempts?: number } }) => Promise<unknown>

/** A sheet a capability adds to the exported workbooks (the evaluation export's 项目 sheet): its rows for a district's
 *  period (only the units in `unitIds` when given), and how it is written under a title. */
export interface ReportSheet {
  name: string
  headers: string[]
  rows(w: Work, districtId: number, period: { from: Date; to: Date }, unitIds?: Set<number>): Promise<(string | number)[][]>
  add(wb: ExcelJS.Workbook, rows: (string | number)[][], title: string): ExcelJS.Worksheet
}

export interface Capability {
  /** Short, English, unique: used in logs and docs. */
  name: string
  /** Its commands as #帮助 lists them; capabilities sharing a title (in a row) share one line of #帮助. */
  help?: { title: string; commands: AnyCommand[] }
  /** Messages that are no command: a location or image (the router, handed every capability's claims), an
   *  acknowledgement word (one capability each). */
  attachment?: AttachmentRouter
  /** What a location or image its sender just sent may belong to here (kernel/attachments.ts): the router asks these. */
  attachmentClaims?: AttachmentClaim[]
  /** A location or image it is waiting for (an activity sign-in's evidence), taken before the attachment router: true when taken. */
  claimAttachment?(ctx: Parameters<AttachmentHandler>[0]): Promise<boolean>
  acknowledgement?: AcknowledgementHandler
  /** A voice message (one capability). */
  voice?: VoiceHandler
  /** What to tell a sender not yet linked whose display name may be theirs (null: nothing to say). */
  guestHint?(db: DbOrTx, room: BoundRoom, displayName: string, talkerId?: string): Promise<string | null>
  /** Its timer kinds (BullMQ job names) and the rows the sweeper re-creates them from after a crash or a flush. */
  timers?: {
    handlers(deps: TimerDeps & { pace?: SendPace; webhookAllowLocal?: boolean }): Record<string, TimerRun>
    sources(clock: Clock): TimerSource[]
  }
  /** Its slice of the org file's `policies:` (validated and stored at org import; read with resolveSlice). */
  policy?: PolicySlice
  /** Its posts' outbox keys start with `keyPrefix|`: WeChat accepted them (sent) or every retry failed. */
  outbox?: {
    keyPrefix: string
    onSent?(db: DbOrTx, marks: { keys: string[]; fresh: string[] }, at: Date): Promise<unknown>
    onFailed?(db: DbOrTx, key: string, reason: string, at: Date): Promise<unknown>
  }
  /** The domain events it publishes (documentation, checked by a test) and the ones it reacts to. */
  events?: { publishes?: EventName[]; subscribes?: Subscriber[] }
  /** Sheets it adds to the exported workbooks; the caller hands the list to the export. */
  reportSheets?: ReportSheet[]
  /** Gauges it adds to /metrics. */
  metrics?(metrics: Metrics, prisma: Db, clock: Clock): void
  /** Its Chinese texts (the only place its user-facing Chinese lives). */
  texts?: Record<string, object>
}
