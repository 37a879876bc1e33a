// The city file (issue #26): a city (团市委) above districts. It names its districts' own org files — each district
// office keeps its file (YAML or the xlsx sheet) as before — and lists the city's own groups, bot accounts and people
// (supervisors and admins of the city). `gridbot org import city.yaml` imports the city and every district it names
// in one transaction: a file that is missing, unreadable, invalid, or a district of another city imports nothing.
import { z } from 'zod'
import { must } from '../core/must.ts'
import { orgSpecSchema, type OrgSpec } from './org-spec.ts'

const shape = orgSpecSchema.shape

export const citySpecSchema = z.object({
  city: z.string().trim().min(1),
  /** The districts' org files, relative to the city file. */
  districts: z.array(z.string().trim().min(1)).min(1),
  policies: shape.policies,
  accounts: shape.accounts,
  /** The city's own groups (团市委工作群 …): each belongs to the city unit. */
  rooms: shape.rooms,
  /** The city's people: supervisors (团市委) and admins; their unit is the city. */
  members: shape.members,
  guests: shape.guests,
})

export type CitySpec = z.infer<typeof citySpecSchema>

/** A district's file as a city file named it. */
export interface DistrictFile {
  file: string
  spec: OrgSpec
}

/** The city file and the districts' files it names, loaded and checked (city-file.ts). */
export interface CitySource {
  file: string
  city: CitySpec
  districts: DistrictFile[]
}

/** The city's own part as an org spec of one unit (the city), so the district checks and import code serve it too. */
export const cityAsOrgSpec = (c: CitySpec): OrgSpec => ({
  district: c.city,
  policies: c.policies,
  accounts: c.accounts,
  units: [],
  rooms: c.rooms,
  members: c.members,
  guests: c.guests,
  catalogue: [],
})

/** The city and all its districts as one spec for the simulator's world: every group, account and person. */
export const flattenCity = (src: CitySource): OrgSpec => {
  const all = [cityAsOrgSpec(src.city), ...src.districts.map((d) => d.spec)]
  const accounts = new Map(all.flatMap((s) => s.accounts.map((a) => [a.id, a] as const)))
  return {
    ...cityAsOrgSpec(src.city),
    accounts: [...accounts.values()],
    rooms: all.flatMap((s) => s.rooms.map((r) => ({ ...r, account: r.account ?? must(s.accounts[0], 'ORG_NO_ACCOUNT').id }))),
    members: all.flatMap((s) => s.members),
    guests: all.flatMap((s) => s.guests),
  }
}

/** True when raw YAML is a city file rather than a district's. */
export const isCityYaml = (raw: unknown): boolean => !!raw && typeof raw === 'object' && 'city' in raw && 'districts' in raw
