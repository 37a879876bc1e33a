// Personal data stays in its own group: text about a record shown in a room of another unit (an ancestor reading
// a grid's task, a list of the whole subtree) is masked; in the owning unit's rooms it is shown as typed.
import { maskPersonalData } from '../../core/privacy/mask.ts'

export const textFor = (roomUnitId: number, ownerUnitId: number, text: string): string => (roomUnitId === ownerUnitId ? text : maskPersonalData(text))
