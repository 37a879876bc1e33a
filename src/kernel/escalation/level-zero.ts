// Who is @-ed at level 0 of an item's escalation (issue #22): the unit that must act — its cadres, else its
// supervisors — and never the person who raised the item: they already know, and when nobody else can act the
// nudge is still posted in the unit's group without @. Pure, table-tested (test/unit/clock.test.ts).

/** The members to @ at level 0: the handling unit's cadres (or, when it has none, its supervisors) but the raiser. */
export function levelZeroMentions<M extends { id: number }>(a: { cadres: M[]; supervisors: M[]; raiserId: number | null }): M[] {
  const who = a.cadres.length ? a.cadres : a.supervisors
  return who.filter((m) => m.id !== a.raiserId)
}
