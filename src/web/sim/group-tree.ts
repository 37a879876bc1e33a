// The simulator's left column: the district's units top down, each with its groups as links named by topic.
import type { OrgSpec } from '../../config/org-spec.ts'
import { validateOrg } from '../../config/org-spec.ts'
import { html, type Raw } from '../html.ts'

export function groupTree(spec: OrgSpec, current: string, extraRooms: { topic: string; unit: string | null }[] = []): Raw {
  const { units } = validateOrg(spec)
  const children = new Map<string | null, typeof units>()
  for (const u of units) children.set(u.parent, [...(children.get(u.parent) ?? []), u])
  const rooms = new Map<string, string[]>()
  for (const r of spec.rooms) rooms.set(r.unit, [...(rooms.get(r.unit) ?? []), r.topic])
  const link = (topic: string) =>
    html`<li class="room"><a href="/?room=${encodeURIComponent(topic)}"${topic === current ? html` aria-current="page"` : ''}>${topic}</a></li>`
  const unit = (u: (typeof units)[number]): Raw => {
    const kids = children.get(u.name) ?? []
    const own = rooms.get(u.name) ?? []
    const inner = html`<ul>${own.map(link)}${kids.map(unit)}</ul>`
    // Towns and communities fold (a real district has a thousand groups); the current group's branch stays open.
    const open = u.kind === 'district' || u.kind === 'town' || containsRoom(u.name, current, children, rooms)
    return u.kind === 'district' || u.kind === 'grid' || kids.length === 0
      ? html`<li class="unit ${u.kind}"><span class="unit-name">${u.name}</span>${inner}</li>`
      : html`<li class="unit ${u.kind}"><details${open ? html` open` : ''}><summary>${u.name}</summary>${inner}</details></li>`
  }
  const loose = extraRooms.filter((r) => r.unit === null)
  return html`<ul class="tree-root">${(children.get(null) ?? []).map(unit)}${loose.map((r) => link(r.topic))}</ul>`
}

function containsRoom(unit: string, topic: string, children: Map<string | null, { name: string }[]>, rooms: Map<string, string[]>): boolean {
  if ((rooms.get(unit) ?? []).includes(topic)) return true
  return (children.get(unit) ?? []).some((c) => containsRoom(c.name, topic, children, rooms))
}
