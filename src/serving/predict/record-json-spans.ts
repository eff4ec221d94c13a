const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * The exact bytes of each element of the list under top-level key `key` in a JSON body that
 * `JSON.parse` has already accepted, as views into `bytes` (no copy); undefined when they cannot
 * be used as they are: the key is absent or written with escapes, an element is not an object, or
 * an element spans a line break (a log line must hold one row). Hand-written because no JSON
 * library reports value offsets cheaply: this one pass lets the prediction log copy each row as
 * the client sent it instead of serialising the parsed rows again, which cost more than scoring.
 */
export function recordJsonSpans(bytes: Uint8Array, key: string): Uint8Array[] | undefined {
  const offsets = recordJsonOffsets(bytes, key);
  if (offsets === undefined) return undefined;
  const spans = new Array<Uint8Array>(offsets.length >> 1);
  for (let k = 0; k < spans.length; k++) spans[k] = bytes.subarray(offsets[2 * k]!, offsets[2 * k + 1]!);
  return spans;
}

/**
 * recordJsonSpans as offsets: element k is `bytes[offsets[2k] .. offsets[2k + 1])`. One typed
 * array for the whole list instead of a view object per row: the predict path's choice.
 */
export function recordJsonOffsets(bytes: Uint8Array, key: string): Int32Array | undefined {
  const wanted = Buffer.from(key, 'utf8');
  const n = bytes.length;
  let depth = 0;
  let keyStart = -1;
  let keyEnd = -1;
  let capturing = false;
  let found: Int32Array | undefined;
  let offsets = new Int32Array(64);
  let count = 0;
  let elementStart = -1;
  let broken = false;
  let escapedKey = false;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      const start = i + 1;
      let escaped = false;
      for (i = start; i < n && bytes[i] !== QUOTE; i++) {
        if (bytes[i] === BACKSLASH) {
          escaped = true;
          i++;
        }
      }
      if (depth === 1) {
        keyStart = start;
        keyEnd = i;
        // "r\u006fws" is the same key to JSON.parse: too rare to decode, so give up.
        escapedKey ||= escaped;
      } else if (capturing && depth === 2) broken = true; // a string element
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_LIST) {
      depth++;
      if (depth === 2 && c === OPEN_LIST && sameBytes(bytes, keyStart, keyEnd, wanted)) {
        capturing = true;
        count = 0;
        broken = false;
      } else if (capturing && depth === 3) {
        if (c === OPEN_LIST) broken = true;
        elementStart = i;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_LIST) {
      if (capturing && depth === 3) {
        if (2 * count + 2 > offsets.length) {
          const grown = new Int32Array(offsets.length * 2);
          grown.set(offsets);
          offsets = grown;
        }
        offsets[2 * count] = elementStart;
        offsets[2 * count + 1] = i + 1;
        count++;
      } else if (capturing && depth === 2) {
        capturing = false;
        // A later duplicate key wins in JSON.parse: so here.
        found = broken ? undefined : offsets.slice(0, 2 * count);
      }
      depth--;
    } else if (capturing) {
      if (depth === 2 && c !== COMMA && c > 0x20)
        broken = true; // a scalar element
      else if (depth >= 3 && (c === NEWLINE || c === RETURN)) broken = true;
    }
  }
  return escapedKey ? undefined : found;
}

function sameBytes(bytes: Uint8Array, start: number, end: number, wanted: Uint8Array): boolean {
  if (start < 0 || end - start !== wanted.length) return false;
  for (let k = 0; k < wanted.length; k++) if (bytes[start + k] !== wanted[k]) return false;
  return true;
}
