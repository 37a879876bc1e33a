// The bar at the top of every console page.
import { html } from './html.ts'
import { CSRF_FIELD } from './auth/csrf.ts'
import type { Viewer } from './auth/viewer.ts'
import { webTexts } from './texts.ts'
import { ROLE_LABEL } from '../kernel/org/org.types.ts'

export type Section = 'sim' | 'board' | 'org'

export function nav(viewer: Viewer, current: Section, simMode: boolean, extra = html``) {
  const link = (s: Section, href: string, label: string) =>
    s === current ? html`<a href="${href}" aria-current="page">${label}</a>` : html`<a href="${href}">${label}</a>`
  const who = viewer.member
    ? html`<span class="who">${viewer.member.name}(${ROLE_LABEL[viewer.member.role]} · ${viewer.scope.name})</span>
<form method="post" action="/logout" class="inline"><input type="hidden" name="${CSRF_FIELD}" value="${viewer.csrf}"><button type="submit">${webTexts.logout}</button></form>`
    : ''
  return html`<header class="bar"><strong class="brand">${webTexts.product}</strong><nav>${simMode ? link('sim', '/', webTexts.navSim) : ''}${link('board', '/board', webTexts.navBoard)}${link('org', '/org', webTexts.navOrg)}</nav>${extra}${who}</header>`
}
