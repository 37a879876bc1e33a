// Who is looking: in the simulator everyone on 127.0.0.1 sees the whole district; in production a logged-in admin
// sees their district, a supervisor their own unit's subtree. Decided by stable ids (member id, unit path).
import type { Db } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type Role, type Unit } from '../../kernel/org/org.types.ts'
import { AppError } from '../../core/errors.ts'
import { webTexts } from '../texts.ts'

export interface Viewer {
  /** Null in the simulator (no login). */
  member: { id: number; name: string; role: Role } | null
  /** The top of what this viewer may see. */
  scope: Unit
  /** The token state-changing requests must carry. */
  csrf: string
  /** The session cookie value (to log out); null in the simulator. */
  token: string | null
}

export class HttpError extends AppError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    userMessage: string,
  ) {
    super(code, message, userMessage)
  }
}

export const forbidden = (why: string) => new HttpError(403, 'WEB_FORBIDDEN', why, webTexts.forbidden)

/** The viewer of a route that is not `open`: the console answered the request without a session before it got here,
 *  so a missing one is a wiring fault, refused rather than read through. */
export function signedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw forbidden('no session on a route that needs one')
  return viewer
}

/** The unit of the scope a member's role gives: an admin's whole district, a supervisor's own unit. */
export async function scopeOf(db: Db, m: { role: Role; unit: Unit }): Promise<Unit> {
  if (m.role !== 'admin') return m.unit
  return (await orgRepo.unitById(db, districtOf(m.unit))) ?? m.unit
}

/** The unit a page asks for (?unit=<id>), or the viewer's own top; 403 outside the viewer's subtree. */
export async function unitInScope(db: Db, viewer: Viewer, requested: string | null): Promise<Unit> {
  if (!requested) return viewer.scope
  const id = Number(requested)
  if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, 'WEB_BAD_UNIT', `bad unit id ${requested}`, webTexts.badRequest)
  const unit = await orgRepo.unitById(db, id)
  // An unknown id answers like a forbidden one: a guessed URL learns nothing.
  if (!unit?.path.startsWith(viewer.scope.path)) throw forbidden(`unit ${id} outside scope ${viewer.scope.id} of member ${viewer.member?.id ?? 'sim'}`)
  return unit
}
