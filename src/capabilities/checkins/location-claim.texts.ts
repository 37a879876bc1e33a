// What the sender hears when a location joins their check-in.
import { formatLocal } from '../../core/time.ts'

export const locationClaimTexts = {
  attached: (at: Date, address: string) => `📍 位置已附加到 ${formatLocal(at, false)} 的签到:${address}`,
}
