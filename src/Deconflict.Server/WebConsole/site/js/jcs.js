// RFC 8785 (JCS) canonical JSON, the form every envelope is signed in (docs/formats/envelope.md).
// JSON.stringify already writes strings the JCS way and numbers as ECMAScript's Number::toString, which IS the JCS
// number format; what JCS adds is members sorted by UTF-16 code units, which is what Array.prototype.sort does.

/** The canonical JSON text of a value made of objects, arrays, strings, finite numbers, booleans and null. */
export function canonicalize(value) {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`JCS has no form for ${value}`);
  }
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map(canonicalize).join(',') + ']';
  }
  const keys = Object.keys(value).filter(k => value[k] !== undefined).sort();
  return '{' + keys.map(k => JSON.stringify(k) + ':' + canonicalize(value[k])).join(',') + '}';
}
