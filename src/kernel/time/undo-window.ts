// How long a check-in may be undone (#签到 撤销). Check-ins pay points only once past it, so an undone one never pays:
// shared by check-ins (which undo) and points (which settle).
export const CHECKIN_UNDO_WINDOW_MS = 10 * 60_000
