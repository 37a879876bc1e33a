// Verbs people say of items of several kinds — #认领 T12 / #领题 P3, #完成, #放弃, #接手, #转派, #取消, #退回 — are
// one command each (the tasks capability declares them). An id of another kind (P3) goes to the capability that
// registered its letter here, so the two capabilities never import each other.
import type { CommandContext, ParseResult } from '../pipeline/command.ts'
import type { MemberWithUnit } from './org/org.types.ts'

export type SharedVerb = 'claim' | 'complete' | 'abandon' | 'cancel' | 'take_over' | 'reassign' | 'hand_back'

/** What a shared verb takes: the item's id (parsed by its capability) and the words after it. */
export interface SharedVerbArgs {
  ref: { number: number; label: string }
  rest: string
}

export interface ItemVerbs {
  /** Does this word name one of its items (P3)? */
  owns(word: string | undefined): boolean
  parse(argv: string[]): ParseResult<SharedVerbArgs>
  /** Runs the verb and replies; `to` is the member a #转派 names. */
  run(ctx: CommandContext<SharedVerbArgs>, verb: SharedVerb, to: MemberWithUnit | null): Promise<void>
}

const registered: ItemVerbs[] = []

/** A capability's items take the shared verbs (called once by its module: capabilities/<name>/index.ts). */
export function takeSharedVerbs(verbs: ItemVerbs): void {
  if (!registered.includes(verbs)) registered.push(verbs)
}

/** The items a word names, when another capability than the verbs' own registered them. */
export const itemVerbsFor = (word: string | undefined): ItemVerbs | null => registered.find((v) => v.owns(word)) ?? null
