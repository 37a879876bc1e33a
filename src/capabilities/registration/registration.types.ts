// What the registration service returns: outcomes the commands say through registrationTexts.
import type { Role } from '../../kernel/org/org.types.ts'
import type { PendingReason } from './registration-rules.ts'

/** What #登记 did (the command says it through registrationTexts.registered). */
export type Registered =
  | { kind: 'phone_mismatch'; name: string; triesLeft: number }
  | { kind: 'linked'; name: string; role: Role }
  | { kind: 'waiting'; name: string; role: Role; reason: PendingReason; asked: string[] }

/** What #确认 / #驳回 did (registrationTexts.decided); `mentionIds`: whom the reply @s. */
export type Decided =
  | { kind: 'several'; name: string; requests: { id: number; unit: string; displayName: string }[]; action: 'confirm' | 'reject' }
  | { kind: 'rejected'; name: string; mentionIds: string[] }
  | { kind: 'contact_taken'; name: string }
  | { kind: 'confirmed'; name: string; role: Role; unit: string; inTheirGroup: boolean; mentionIds: string[] }

/** What a sender not linked to anyone is told: their request still waits (for these deciders), or to send #登记. */
export type RegistrationHint = { kind: 'pending'; name: string; deciders: string[] } | { kind: 'guest'; name: string }
