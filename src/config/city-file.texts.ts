// What `gridbot org import` says about a city file and the districts' files it names (issue #26).
export const cityFileTexts = {
  invalid: (file: string, lines: string[]) => `城市文件 ${file} 格式有误:\n${lines.join('\n')}`,
  missing: (city: string, file: string) => `城市文件 ${city} 中列出的区文件 ${file} 不存在,未导入任何内容`,
  unreadable: (file: string, reason: string) => `区文件 ${file} 有误,未导入任何内容:${reason}`,
  isCity: (file: string) => `区文件 ${file} 是一个城市文件(含 city 和 districts),城市之下只能列区文件,未导入任何内容`,
  otherCity: (file: string, named: string, city: string) => `区文件 ${file} 属于「${named}」,不是「${city}」,未导入任何内容`,
  twice: (file: string, district: string) => `区文件 ${file} 中的「${district}」已由另一个文件导入,同一个区只能列一次,未导入任何内容`,
  sameAsCity: (file: string, district: string) => `区文件 ${file} 的区名「${district}」与城市同名,未导入任何内容`,
}
