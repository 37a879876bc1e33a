// The names a generated district uses (gridbot org generate, tests and benchmarks): units, groups, people, teams.
export const orgGenerateTexts = {
  district: '示范区',
  town: (t: number) => `${t}号街道`,
  community: (c: number) => `${c}号社区`,
  grid: (c: number, j: number) => `${c}号社区${j}号网格`,
  room: (unit: string) => `${unit}群`,
  admin: '管理员',
  supervisor: '书记',
  cadre: '网格员',
  team: '团员先锋队',
}
