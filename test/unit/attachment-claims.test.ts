// The order the attachments router asks the capabilities' claims in (kernel/attachments.ts): the most recent first,
// ties by rank; each told the latest of the others' times.
import { describe, expect, it } from 'vitest'
import { rankClaims, type AttachmentClaim } from '../../src/kernel/attachments.ts'

const named = new Map<AttachmentClaim, string>()
const claim = (name: string, rank: number): AttachmentClaim => {
  const c: AttachmentClaim = {
    kind: 'image',
    rank,
    recentAt: async () => 0,
    take: async () => null,
  }
  named.set(c, name)
  return c
}
const hazard = claim('hazard', 0)
const task = claim('task', 1)
const six = claim('six', 2)
const need = claim('need', 3)
const names = (r: ReturnType<typeof rankClaims>) => r.map((x) => `${named.get(x.claim)}@${x.notBefore}`)

describe('rankClaims', () => {
  const cases: [string, [AttachmentClaim, number][], string[]][] = [
    [
      'nothing recent',
      [
        [hazard, 0],
        [task, 0],
      ],
      [],
    ],
    [
      'the most recent first',
      [
        [hazard, 100],
        [task, 300],
        [six, 200],
        [need, 0],
      ],
      ['task@200', 'six@300', 'hazard@300'],
    ],
    [
      'a hazard wins a tie',
      [
        [hazard, 300],
        [task, 300],
      ],
      ['hazard@300', 'task@300'],
    ],
    [
      'a task wins a tie with a 六个一 and a need',
      [
        [task, 300],
        [six, 300],
        [need, 300],
      ],
      ['task@300', 'six@300', 'need@300'],
    ],
    [
      'a 六个一 wins a tie with a need',
      [
        [need, 300],
        [six, 300],
        [task, 100],
      ],
      ['six@300', 'need@300', 'task@300'],
    ],
  ]
  for (const [name, timed, want] of cases) it(name, () => expect(names(rankClaims(timed.map(([c, at]) => ({ claim: c, at }))))).toEqual(want))
})
