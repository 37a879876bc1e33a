// The board: one unit's subtree at a glance. The panel is re-rendered on the server and swapped in by board.js
// whenever the page hears that something changed.
import type { Unit } from '../../kernel/org/org.types.ts'
import type { Viewer } from '../auth/viewer.ts'
import { html, page, type Raw } from '../html.ts'
import { nav } from '../nav.ts'
import { webTexts } from '../texts.ts'
import type { BoardData, WorkRow } from './board-data.ts'

const c = webTexts.cols
/** Up to this many rooms, each cell shows its group's name; more (a town's hundreds of grids) are plain squares. */
const LABELLED_CELLS = 12

function workTable(kind: 'tasks' | 'hazards', rows: WorkRow[]): Raw {
  if (rows.length === 0) return html`<p class="none">${webTexts.none}</p>`
  return html`<table class="work" id="${kind}"><thead><tr><th>${c.id}</th><th>${c.unit}</th><th>${c.title}</th><th>${c.status}</th><th>${c.level}</th><th>${c.age}</th><th>${c.next}</th></tr></thead><tbody>
${rows.map(
  (r) =>
    html`<tr data-id="${r.id}" data-level="${r.level}"${r.urgent ? html` class="urgent"` : ''}><td data-label="${c.id}">${r.id}${r.urgent ? html` <span class="tag">${webTexts.urgent}</span>` : ''}</td><td data-label="${c.unit}">${r.unit}</td><td data-label="${c.title}">${r.title}</td><td data-label="${c.status}">${r.status}</td><td class="level" data-label="${c.level}">${r.levelLabel}</td><td data-label="${c.age}">${r.age}</td><td data-label="${c.next}">${r.next ?? '—'}</td></tr>`,
)}</tbody></table>`
}

/** Up to the viewer's top, this unit, and one link per child: how a viewer moves around the subtree. */
export function unitPicker(base: string, unit: Unit, ancestors: Unit[], children: Unit[]): Raw {
  const link = (u: Unit) => html`<a href="${base}?unit=${u.id}">${u.name}</a>`
  return html`<nav class="units" aria-label="${webTexts.chooseUnit}"><span class="crumbs">${ancestors.map((a) => html`${link(a)} › `)}<strong aria-current="page">${unit.name}</strong></span>
${children.length ? html`<span class="children">${children.map(link)}</span>` : ''}</nav>`
}

export function boardPanel(d: BoardData): Raw {
  return html`<p class="asof">${d.now}</p>
<section aria-labelledby="h-tasks"><h2 id="h-tasks">📋 ${webTexts.tasks}(${d.tasks.length})</h2>${workTable('tasks', d.tasks)}</section>
<section aria-labelledby="h-hazards"><h2 id="h-hazards">⚠️ ${webTexts.hazards}(${d.hazards.length})</h2>${workTable('hazards', d.hazards)}</section>
<section aria-labelledby="h-notices"><h2 id="h-notices">📢 ${webTexts.notices}(${d.notices.length})</h2>
${d.notices.length === 0 ? html`<p class="none">${webTexts.none}</p>` : ''}
${d.notices.map(
  (
    n,
  ) => html`<article class="notice" data-id="${n.id}"><h3>${n.urgent ? '🔴' : '📢'} ${n.id} ${n.text} <small>${n.sentAt} · ${webTexts.noticeTimes(n.slaAt, n.next)} · ${webTexts.ackSummary(n.acked, n.cells.length)}</small></h3>
<ul class="acks${n.cells.length <= LABELLED_CELLS ? ' labelled' : ''}" aria-label="${n.id} ${c.acks}">${n.cells.map((cell) => html`<li class="cell ${cell.acked ? 'ack' : 'wait'}" title="${webTexts.ackCell(cell.room, cell.acked, cell.label)}" aria-label="${webTexts.ackCell(cell.room, cell.acked, cell.label)}"><span>${cell.room}</span></li>`)}</ul></article>`,
)}</section>
<section aria-labelledby="h-activities"><h2 id="h-activities">📅 ${webTexts.activities}(${d.activities.length})</h2>
${
  d.activities.length === 0
    ? html`<p class="none">${webTexts.none}</p>`
    : html`<table id="activities"><thead><tr><th>${c.id}</th><th>${c.unit}</th><th>${c.title}</th><th>${c.startsAt}</th><th>${c.place}</th><th>${c.signed}</th></tr></thead><tbody>
${d.activities.map((a) => html`<tr data-id="${a.id}"><td data-label="${c.id}">${a.id}</td><td data-label="${c.unit}">${a.unit}</td><td data-label="${c.title}">${a.name}</td><td data-label="${c.startsAt}">${a.startsAt}</td><td data-label="${c.place}">${a.place || '—'}</td><td class="signed" data-label="${c.signed}">${a.signed}</td></tr>`)}</tbody></table>`
}</section>
<div class="two">
<section aria-labelledby="h-accounts"><h2 id="h-accounts">🤖 ${webTexts.accounts}</h2><table id="accounts"><thead><tr><th>${c.account}</th><th>${c.state}</th><th>${c.since}</th><th>${c.backlog}</th></tr></thead><tbody>
${d.accounts.map((a) => html`<tr data-id="${a.id}" data-state="${a.stateCode}"><td data-label="${c.account}">${a.id}</td><td class="state ${a.stateCode}" data-label="${c.state}">${a.state}${a.detail ? html`<br><small>${a.detail}</small>` : ''}</td><td data-label="${c.since}">${a.since ?? '—'}</td><td class="backlog" data-label="${c.backlog}">${a.backlog}</td></tr>`)}</tbody></table></section>
<section aria-labelledby="h-checkins"><h2 id="h-checkins">✅ ${webTexts.checkins}</h2><table id="checkins"><thead><tr><th>${c.unit}</th><th>${c.count}</th><th>${c.households}</th></tr></thead><tbody>
${d.checkins.map((r) => html`<tr data-unit="${r.unit}"><td data-label="${c.unit}">${r.unit}</td><td class="count" data-label="${c.count}">${r.count}</td><td data-label="${c.households}">${r.households}</td></tr>`)}</tbody></table></section></div>`
}

export function boardPage(o: { viewer: Viewer; simMode: boolean; data: BoardData; ancestors: Unit[] }): string {
  return page({
    title: webTexts.boardTitle,
    csrf: o.viewer.csrf,
    scripts: ['board.js'],
    nav: nav(o.viewer, 'board', o.simMode),
    body: html`<main class="board"><h1>${o.data.unit.name}</h1>${unitPicker('/board', o.data.unit, o.ancestors, o.data.children)}
<div id="panel" data-unit="${o.data.unit.id}" aria-live="polite">${boardPanel(o.data)}</div></main>`,
  })
}
