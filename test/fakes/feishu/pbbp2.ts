// The long connection's frame format, pbbp2.Frame (proto2), written out by hand from the SDK's
// schema so the fake does not share code with the client under test:
//   1 SeqID uint64, 2 LogID uint64, 3 service int32, 4 method int32 (0 control, 1 data),
//   5 headers repeated Header{1 key, 2 value}, 6 payloadEncoding, 7 payloadType, 8 payload bytes,
//   9 LogIDNew. Fields 1–4 are required: the SDK's decoder throws if any is missing.
export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt(n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n));
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}
const tag = (field: number, wire: number) => varint((field << 3) | wire);
function lenDelim(field: number, bytes: Uint8Array): number[] {
  return [...tag(field, 2), ...varint(bytes.length), ...bytes];
}
const utf8 = (s: string) => new TextEncoder().encode(s);

export function encodeFrame(f: Frame): Buffer {
  const out: number[] = [];
  out.push(...tag(1, 0), ...varint(f.SeqID));
  out.push(...tag(2, 0), ...varint(f.LogID));
  out.push(...tag(3, 0), ...varint(f.service));
  out.push(...tag(4, 0), ...varint(f.method));
  for (const h of f.headers) out.push(...lenDelim(5, Uint8Array.from([...lenDelim(1, utf8(h.key)), ...lenDelim(2, utf8(h.value))])));
  if (f.payload) out.push(...lenDelim(8, f.payload));
  return Buffer.from(out);
}

function readVarint(b: Uint8Array, pos: number): [bigint, number] {
  let v = 0n;
  let shift = 0n;
  for (;;) {
    const byte = b[pos++];
    if (byte === undefined) throw new Error('truncated varint');
    v |= BigInt(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return [v, pos];
    shift += 7n;
  }
}

function fields(b: Uint8Array): { field: number; wire: number; int?: bigint; bytes?: Uint8Array }[] {
  const out: { field: number; wire: number; int?: bigint; bytes?: Uint8Array }[] = [];
  let pos = 0;
  while (pos < b.length) {
    const [key, p1] = readVarint(b, pos);
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, p2] = readVarint(b, p1);
      out.push({ field, wire, int: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(b, p1);
      const end = p2 + Number(len);
      out.push({ field, wire, bytes: b.subarray(p2, end) });
      pos = end;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

export function decodeFrame(buf: Uint8Array): Frame {
  const f: Frame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] };
  const dec = new TextDecoder();
  for (const x of fields(buf)) {
    if (x.field === 1) f.SeqID = Number(x.int);
    else if (x.field === 2) f.LogID = Number(x.int);
    else if (x.field === 3) f.service = Number(BigInt.asIntN(32, x.int!));
    else if (x.field === 4) f.method = Number(x.int);
    else if (x.field === 5) {
      const h = { key: '', value: '' };
      for (const y of fields(x.bytes!)) {
        if (y.field === 1) h.key = dec.decode(y.bytes);
        if (y.field === 2) h.value = dec.decode(y.bytes);
      }
      f.headers.push(h);
    } else if (x.field === 8) f.payload = x.bytes;
  }
  return f;
}

export const headerOf = (f: Frame, key: string) => f.headers.find((h) => h.key === key)?.value;
