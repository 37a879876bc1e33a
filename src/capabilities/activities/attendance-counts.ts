// Who came, who came late and who did not, from an activity's sign-ups (pure). Absent: signed up (not from the
// waiting list, not a walk-in), not attended — counted once the activity is closed.
import type { Signup } from './activity.types.ts'

type S = Pick<Signup, 'status' | 'attendedAt' | 'walkIn' | 'late' | 'name'>

export interface AttendanceCounts {
  signups: number
  attended: number
  late: number
  absent: number
  absentNames: string[]
}

export function attendanceCounts(signups: readonly S[], closed: boolean): AttendanceCounts {
  const live = signups.filter((s) => s.status !== 'cancelled')
  const attended = live.filter((s) => s.status === 'signed' && s.attendedAt)
  const absent = closed ? live.filter((s) => s.status === 'signed' && !s.walkIn && !s.attendedAt) : []
  return {
    signups: live.filter((s) => !s.walkIn).length,
    attended: attended.length,
    late: attended.filter((s) => s.late).length,
    absent: absent.length,
    absentNames: absent.map((s) => s.name),
  }
}
