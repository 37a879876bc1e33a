// The org view: a subtree's units top down, each with its groups (bound or not, on which account) and its members
// with their roles. Read-only: the org file and its xlsx import are where the org changes.
import type { Db } from '../../db/client.ts'
import { rosterRepo } from '../../capabilities/console/roster.repo.ts'
import { ROLE_LABEL, type Role, type Unit } from '../../kernel/org/org.types.ts'
import type { Viewer } from '../auth/viewer.ts'
import { html, page, type Raw } from '../html.ts'
import { nav } from '../nav.ts'
import { webTexts } from '../texts.ts'
import { unitPicker } from '../board/board-page.ts'

export type RosterUnit = Awaited<ReturnType<typeof rosterRepo.subtreeWithPeople>>[number]

export const rosterOf = (db: Db, unit: Unit) => rosterRepo.subtreeWithPeople(db, unit.path)

const KIND_LABEL = webTexts.kindLabel

const c = webTexts.cols

function unitSection(u: RosterUnit, kids: Map<number | null, RosterUnit[]>): Raw {
  const rooms = u.rooms.length
    ? html`<ul class="rooms">${u.rooms.map((r) => html`<li><span class="topic">${r.topic}</span> <span class="${r.wxRoomId ? 'bound' : 'unbound'}">${r.wxRoomId ? webTexts.bound(r.accountId) : webTexts.unbound}</span></li>`)}</ul>`
    : ''
  const members = u.members.length
    ? html`<table class="members"><thead><tr><th>${c.members}</th><th>${c.role}</th><th>${c.wxid}</th><th>${c.teams}</th></tr></thead><tbody>${u.members.map(
        (m) =>
          html`<tr><td>${m.name}</td><td>${ROLE_LABEL[m.role as Role]}</td><td>${m.wxid ? html`<code>${m.wxid}</code>` : webTexts.unlinked}</td><td>${m.teams.join('、')}</td></tr>`,
      )}</tbody></table>`
    : ''
  const children = kids.get(u.id) ?? []
  return html`<li class="org-unit ${u.kind}"><details open><summary><strong>${u.name}</strong> <small>${KIND_LABEL[u.kind] ?? u.kind} · ${c.members} ${u.members.length}</small></summary>${rooms}${members}
${children.length ? html`<ul>${children.map((k) => unitSection(k, kids))}</ul>` : ''}</details></li>`
}

export function orgPage(o: { viewer: Viewer; simMode: boolean; unit: Unit; ancestors: Unit[]; roster: RosterUnit[] }): string {
  const kids = new Map<number | null, RosterUnit[]>()
  for (const u of o.roster) if (u.id !== o.unit.id) kids.set(u.parentId, [...(kids.get(u.parentId) ?? []), u])
  const top = o.roster.find((u) => u.id === o.unit.id)
  const children = kids.get(o.unit.id) ?? []
  return page({
    title: webTexts.orgTitle,
    csrf: o.viewer.csrf,
    nav: nav(o.viewer, 'org', o.simMode),
    body: html`<main class="org"><h1>${o.unit.name}</h1>${unitPicker('/org', o.unit, o.ancestors, children)}
<p><a class="button" href="/org/roster.xlsx?unit=${o.unit.id}" download>${webTexts.exportRoster}</a></p>
<ul class="org-tree">${top ? unitSection(top, kids) : ''}</ul></main>`,
  })
}
