// Ids stay per district (二七区's T1 and 惠济区's T1 are two records), so in a city's group a command that names a
// record names its district too: `#任务 二七区 T1`, `#完成 惠济区 T3`. One pure rule for every capability (issue #26):
// the district's name anywhere before the first record id is taken out of the arguments (the command's own parser
// then reads them as in the district's groups); a record id with no district named is refused with that example.
// With no record id the arguments stay whole: a district's name there names a unit (`#评价 本月 二七区`).
import { bareWord } from '../../parser/refs.ts'
import type { Work } from '../work.ts'
import { districtOf, type Unit } from './org.types.ts'

/** Letters of records that only districts hold: tasks, needs, hazards, projects, volunteer entries, resources.
 *  Notices (B), their schedules (S) and activities (A) may be the city's own, so they are read in the city unnamed. */
const DISTRICT_RECORD = /^[TNHPVR]\d{1,18}$/i

export type CityRefResult =
  /** A district was named: the arguments without it, and which district. */
  | { kind: 'named'; districtId: number; districtName: string; argv: string[]; args: string }
  /** A district record with no district named: refuse, with an example naming the first district. */
  | { kind: 'refuse'; ref: string; example: string }
  /** Nothing about districts: the command runs as the city's own. */
  | { kind: 'city' }

export function resolveCityRef(word: string, argv: string[], districts: readonly { id: number; name: string }[]): CityRefResult {
  const firstRef = argv.findIndex((a) => DISTRICT_RECORD.test(bareWord(a)))
  // No record named: a district's name is the command's own argument (`#评价 本月 二七区`, a unit by name).
  if (firstRef === -1) return { kind: 'city' }
  for (let i = 0; i < firstRef; i++) {
    const d = districts.find((x) => x.name === bareWord(argv[i] ?? ''))
    if (!d) continue
    const rest = argv.filter((_, j) => j !== i)
    return { kind: 'named', districtId: d.id, districtName: d.name, argv: rest, args: rest.join(' ') }
  }
  if (!districts.length) return { kind: 'city' }
  const ref = bareWord(argv[firstRef] ?? '').toUpperCase()
  const example = [`#${word}`, ...argv.slice(0, firstRef), districts[0]?.name ?? '', ref, ...argv.slice(firstRef + 1)].join(' ')
  return { kind: 'refuse', ref, example }
}

/** The district whose numbers a command reads record ids in: the one its city group's command named, else the unit's
 *  own (the acting member's or the room's, as the capability always read them). */
export const recordDistrict = (w: Pick<Work, 'namedDistrict'>, unit: Pick<Unit, 'id' | 'districtId'>): number => w.namedDistrict ?? districtOf(unit)

/** A record's id as the command's group must type it: `二七区 T1` in a city's group that named 二七区, else `T1`. */
export const refAsTyped = (w: Pick<Work, 'namedDistrictName'>, label: string): string => (w.namedDistrictName ? `${w.namedDistrictName} ${label}` : label)
