// Distances on the earth's surface (hazards' duplicate check, activities' sign-in radius).
const EARTH_M = 6_371_008.8
const rad = (d: number) => (d * Math.PI) / 180

export interface Point {
  latitude: number
  longitude: number
}

/** Great-circle distance in metres. */
export function distanceM(a: Point, b: Point): number {
  const dLat = rad(b.latitude - a.latitude)
  const dLon = rad(b.longitude - a.longitude)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)))
}
