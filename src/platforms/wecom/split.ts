// UTF-8 byte budgets: WeCom counts bytes, not characters (webhook text 2,048, markdown 4,096,
// AI-bot stream/markdown 20,480). Split on line boundaries, never inside a character.

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Cuts `s` to at most `max` bytes at a code-point boundary. */
export function truncateBytes(s: string, max: number): string {
  if (utf8Bytes(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const b = utf8Bytes(ch);
    if (used + b > max) break;
    out += ch;
    used += b;
  }
  return out;
}

/** Splits text into parts of at most `max` bytes, preferring line breaks; a single line longer
 * than `max` is cut at character boundaries. Empty text gives one empty part. */
export function splitByBytes(text: string, max: number): string[] {
  if (max < 4) throw new Error('max too small');
  if (utf8Bytes(text) <= max) return [text];
  const parts: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) parts.push(cur);
    cur = '';
  };
  for (const line of text.split('\n')) {
    const candidate = cur ? `${cur}\n${line}` : line;
    if (utf8Bytes(candidate) <= max) {
      cur = candidate;
      continue;
    }
    flush();
    let rest = line;
    while (utf8Bytes(rest) > max) {
      const head = truncateBytes(rest, max);
      parts.push(head);
      rest = rest.slice(head.length);
    }
    cur = rest;
  }
  flush();
  return parts.length ? parts : [''];
}

/** Splits with room for a "(1/3)" style suffix on every part when there is more than one. */
export function splitNumbered(text: string, max: number): string[] {
  const parts = splitByBytes(text, max);
  if (parts.length === 1) return parts;
  const room = max - 16;
  const again = splitByBytes(text, room);
  return again.map((p, i) => `${p}\n(${i + 1}/${again.length})`);
}
