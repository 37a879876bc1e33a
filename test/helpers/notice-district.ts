import { generateDistrict } from '../../src/config/org-generate.ts'

/** A small generated district on 3 accounts for the notice crash test (the gateway process builds the same one). */
export const crashDistrict = () => generateDistrict({ towns: 2, communities: 6, grids: 60, accounts: 3 })
