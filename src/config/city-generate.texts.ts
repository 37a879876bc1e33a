// The names a generated city uses (gridbot org generate --districts N).
export const cityGenerateTexts = {
  city: '示范市',
  district: (i: number) => `示范${i}区`,
  room: (city: string) => `${city}团市委工作群`,
  supervisor: (i: number) => `团市委书记${i}`,
  admin: '团市委管理员',
}

/** What `gridbot org generate --districts N` prints. */
export const generatedCityText = (out: string, districts: number, rooms: number, people: number, accounts: number) =>
  `已写入 ${out} 及 ${districts} 个区文件:共 ${rooms} 个群,${people} 名成员,${accounts} 个机器人账号`
