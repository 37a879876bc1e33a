// The chat simulator page: group tree, the chosen group's messages (filled and kept live by sim.js), who speaks,
// the message box, images and locations, and the virtual clock's buttons.
import { formatLocal } from '../../core/time.ts'
import { ROLE_LABEL } from '../../kernel/org/org.types.ts'
import type { SimWorld } from '../../sim/world.ts'
import type { Viewer } from '../auth/viewer.ts'
import { html, page } from '../html.ts'
import { nav } from '../nav.ts'
import { webTexts } from '../texts.ts'
import { groupTree } from './group-tree.ts'

export function simPage(o: { world: SimWorld; viewer: Viewer; room: string; speaker: string; now: Date }): string {
  const { world, room } = o
  const roles = new Map(world.spec.members.map((m) => [m.wxid, ROLE_LABEL[m.role]]))
  const option = (p: { wxid: string; name: string }) =>
    html`<option value="${p.wxid}" data-name="${p.name}"${p.wxid === o.speaker ? html` selected` : ''}>${p.name}（${roles.get(p.wxid) ?? webTexts.resident}）</option>`
  const here = world.people.filter((p) => p.rooms.includes(room))
  const others = world.people.filter((p) => !p.rooms.includes(room))
  const clock = html`<div class="clock" role="group" aria-label="${webTexts.timeControl}"><span>${webTexts.virtualTime} <time id="now">${formatLocal(o.now)}</time></span>
${webTexts.steps.map((s) => html`<button type="button" class="step" data-ms="${s.ms}">${s.label}</button>`)}</div>`
  return page({
    title: webTexts.simTitle,
    csrf: o.viewer.csrf,
    scripts: ['chat.js', 'sim.js'],
    nav: nav(o.viewer, 'sim', true, clock),
    body: html`<div class="sim" data-room="${room}">
<nav class="tree" id="group-tree" aria-label="${webTexts.groups}">${groupTree(world.spec, room)}</nav>
<section class="chat" aria-labelledby="room-title"><div class="chat-head"><button type="button" class="tree-toggle" aria-controls="group-tree" aria-expanded="false">☰ ${webTexts.groups}</button><h1 id="room-title">${room}</h1></div>
<ol id="messages" class="messages" aria-live="polite"><li class="empty">${webTexts.noMessages}</li></ol>
<form id="composer" class="composer">
<label class="speaker">${webTexts.speaker} <select id="speaker" name="from">
<optgroup label="${webTexts.inRoom}">${here.map(option)}</optgroup><optgroup label="${webTexts.others}">${others.map(option)}</optgroup></select></label>
<label class="text">${webTexts.message} <input id="text" name="text" autocomplete="off" required></label>
<button type="submit">${webTexts.send}</button>
<details class="more"><summary>${webTexts.image} / ${webTexts.location}</summary>
<label>${webTexts.image} <input id="image" type="file" accept="image/*"></label><button type="button" id="send-image">${webTexts.sendImage}</button>
<fieldset><legend>${webTexts.location}</legend>
<label>${webTexts.address} <input id="loc-address" value="${webTexts.simAddress}"
></label>
<label>${webTexts.latitude} <input id="loc-lat" value="34.75" inputmode="decimal" size="8"></label>
<label>${webTexts.longitude} <input id="loc-lng" value="113.62" inputmode="decimal" size="8"></label>
<button type="button" id="send-location">${webTexts.sendLocation}</button></fieldset></details>
</form></section></div>`,
  })
}
