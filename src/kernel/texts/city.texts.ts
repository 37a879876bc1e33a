// What a city's group is told about records that belong to its districts (issue #26).
export const cityTexts = {
  nameDistrict: (ref: string) => `市级群中请写明 ${ref} 属于哪个区(各区编号独立)`,
}
