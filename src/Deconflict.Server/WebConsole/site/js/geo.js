// Small geodesy for drawing and timing routes in the browser: a sphere is close enough for what a person sees and for
// waypoint times at a given speed (the server computes conflicts itself, on the ellipsoid).
const EARTH_RADIUS_M = 6371008.8;
const rad = d => d * Math.PI / 180;

/** Great-circle distance in metres between two [lon, lat] positions in degrees. */
export function distanceM([lon1, lat1], [lon2, lat2]) {
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The time at each waypoint leaving at departure (a Date) at speedMps metres per second. */
export function timesAtSpeed(coordinates, departure, speedMps) {
  let t = departure.getTime();
  return coordinates.map((c, i) => {
    if (i > 0) t += distanceM(coordinates[i - 1], c) / speedMps * 1000;
    return new Date(Math.round(t / 1000) * 1000);
  });
}

/**
 * The corridor of a route ([lon, lat] positions) of halfWidthM metres each side, as one [lat, lng] quadrilateral per
 * segment: drawn under round caps at the waypoints, they cover the buffered route as the server sees it.
 */
export function corridorQuads(coordinates, halfWidthM) {
  const quads = [];
  for (let i = 1; i < coordinates.length; i++) {
    const [lon1, lat1] = coordinates[i - 1];
    const [lon2, lat2] = coordinates[i];
    // Local flat frame around the segment: metres east and north per degree.
    const mPerDegLat = Math.PI * EARTH_RADIUS_M / 180;
    const mPerDegLon = mPerDegLat * Math.cos(rad((lat1 + lat2) / 2));
    const dx = (lon2 - lon1) * mPerDegLon;
    const dy = (lat2 - lat1) * mPerDegLat;
    const length = Math.hypot(dx, dy) || 1;
    const ox = -dy / length * halfWidthM / mPerDegLon;
    const oy = dx / length * halfWidthM / mPerDegLat;
    quads.push([[lat1 + oy, lon1 + ox], [lat2 + oy, lon2 + ox], [lat2 - oy, lon2 - ox], [lat1 - oy, lon1 - ox]]);
  }
  return quads;
}
