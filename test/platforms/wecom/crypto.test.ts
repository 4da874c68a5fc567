import { randomBytes } from 'node:crypto';
import * as official from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { CryptoErrors, WXBizMsgCrypt, WecomCryptoError, decodeAesKey, pkcs7Pad, pkcs7Unpad, signature } from '../../../src/platforms/wecom/crypto.ts';

// Published vectors: /work/shared/reference/wecom.md §2.1 (V1–V5).
const V1 = { token: 'QDG6eK', key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', rid: 'wx5823bf96d3bd56c7' };

describe('WXBizMsgCrypt against the published vectors', () => {
  it('V1 key derivation', () => {
    expect(decodeAesKey(V1.key).toString('hex')).toBe('8d69989bbaabe67328014c194631ad0719b3dca035b64023df292447aab60760');
  });

  it('V1 URL verification (echostr as sent, percent-decoded once)', () => {
    const c = new WXBizMsgCrypt(V1.token, V1.key, V1.rid);
    const wire = 'P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D';
    const q = new URLSearchParams(`echostr=${wire}`);
    const echostr = q.get('echostr')!;
    const r = c.open('5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3', '1409659589', '263014780', echostr);
    expect(r.message).toBe('1616140317555161061');
    expect(r.random.toString()).toBe('c41b64491c2468d0');
    expect(r.receiveId).toBe(V1.rid);
  });

  it('V1 message, and re-encryption with the recovered random reproduces the ciphertext', () => {
    const c = new WXBizMsgCrypt(V1.token, V1.key, V1.rid);
    const enc =
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';
    const r = c.open('477715d11cdb4164915debcba66cb864d751f3e6', '1409659813', '1372623149', enc);
    expect(r.message).toBe(
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>',
    );
    expect(r.random.toString()).toBe('0960688932c47ef1');
    expect(c.encrypt(r.message, r.random)).toBe(enc);
  });

  it('V2 JSON sample (Go)', () => {
    const c = new WXBizMsgCrypt(V1.token, V1.key, V1.rid);
    const body = JSON.parse(
      '{"tousername":"wx5823bf96d3bd56c7","encrypt":"CZWs4CWRpI4VolQlvn4dlEC1alN2MUEY2VklGehgBVLBrlVF7SyT+SV+Toj43l4ayJ9UMGKphktKKmP7B2j/P1ey67XB8PBgS7Wr5/8+w/yWriZv3Vmoo/MH3/1HsIWZrPQ3N2mJrelStIfI2Y8kLKXA7EhfZgZX4o+ffdkZDM76SEl79Ib9mw7TGjZ9Aw/x/A2VjNbV1E8BtEbRxYYcQippYNw7hr8sFfa3nW1xLdxokt8QkRX83vK3DFP2F6TQFPL2Tu98UwhcUpPvdJBuu1/yiOQIScppV3eOuLWEsko=","agentid":"218"}',
    ) as { encrypt: string };
    const r = c.open('0623cbc5a8cbee5bcc137c70de99575366fc2af3', '1409659813', '1372623149', body.encrypt);
    expect(r.message).toBe(
      '{"ToUserName":"wx5823bf96d3bd56c7","FromUserName":"mycreate","CreateTime": 1409659813,"MsgType":"text","Content":"hello","MsgId":4561255354251345929,"AgentID": 218}',
    );
    expect(r.random.toString()).toBe('EDH75AiKExevY8L3');
  });

  it('V3 Python sample: verify URL and message (plaintext is not valid JSON)', () => {
    const c = new WXBizMsgCrypt('hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', 'ww1436e0e65a779aee');
    expect(
      c.open('012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb', '1476416373', '47744683', 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==').message,
    ).toBe('1288432023552776189');
    const m = c.open(
      'e3647471e395139e2308c1fa963f2d648a00b90e',
      '1409659813',
      '1372623149',
      'cjhLUX7UU4yCSelv1vz7T0zT8huF51bAMVWriNvO1FMegHrQZNrtvRxbwf0fUPsFvwqR0U0fgiJNEA5Y30F2MoI2S7vv3EjVQ68C0cjw9frBoUE2Hj0BvFp9h3u6Vbsg4lc1C8AtHdaN8orKuNKkLRLuYEL52R1J3v8olJGZRLnRdVKIivixmX/eQpzgeExtp20jI1HxRP1AAZ6xZoILdqDPO549LO4WeG+685JRUTdiwcY5fjZlqeMxuT4PpMn1X9OWsS7NRj06Wa5E3Tvg4twjWp39KPfOdRte6P1T4JU=',
    ).message;
    expect(m).toContain('"FromUserName": :mycreate"');
    expect(() => JSON.parse(m)).toThrow();
  });

  it('V4 wechatpy: deterministic encryption, signature, and a wrong nonce fails', () => {
    const c = new WXBizMsgCrypt('123456', 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', 'wx49f0ab532d5d035a');
    const echo = '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==';
    expect(c.open('dd6b9c95b495b3f7e2901bfbc76c664930ffdb96', '1411443780', '437374425', echo).message).toBe('5927782489442352469');
    expect(() => c.open('dd6b9c95b495b3f7e2901bfbc76c664930ffdb96', '1411443780', '437374424', echo)).toThrow(WecomCryptoError);
    const plain =
      '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>';
    const sealed = c.seal(plain, '1411525903', '461056294', Buffer.from('1234567890123456'));
    expect(sealed.encrypt).toBe(
      '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
    );
    expect(sealed.msgsignature).toBe('407518b7649e86ef23978113f92d27afa9296533');
    const dec = c.open(
      '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
      '1411525903',
      '461056294',
      'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
    );
    expect(dec.message).toContain('<Content><![CDATA[test]]></Content>');
    expect(dec.message).toContain('4363689963896700987');
  });

  it('V5 AI-bot shape, receiveid "": verification, message and the exact sealed reply', () => {
    const c = new WXBizMsgCrypt(V1.token, V1.key, '');
    expect(
      c.open('6d98f64d2824842c066636cbebd890acc6e19099', '1409659589', '263014780', 'sKqRbbiSUnDhFHOvPjtUMWzf2R8PrpMiTTPaicBgqZm9eFleDkaZY7LObMBXhUqCcxijQlSKcvc+WpPyowukzA==').message,
    ).toBe('1616140317555161061');
    const msg = c.open(
      '53add53c5dd64fad5feaca39915f1bcc39c0baf4',
      '1409659813',
      '1372623149',
      'sKqRbbiSUnDhFHOvPjtUMcw0RmRNkLSpAwtrwZiMb9vVnpG3UVwnmBvcI4Hn9HXYXR+P8ZHkMy5J/emUWEvGEoYyLQ1sHR5gbyfkDv1sPJuwYvXryOyuAT2s0y64qmWqSCi+rxqA2c4Jpx9vFsl8xkSwf0JfF0huG2Z6s1AGgFS8S06CLbMIthQ4sKTzaoMOFv4p779b0bgcQh8N8z6Duig8JKjMdbiK06I3TKmPyBsUZOWKQVwVvY5jtDTkLGjve14QqajYP/JdK5l4W/YNtOoMkO1Kc1JL49K8AhBshNK7x2heD1BX/UO0FVbQDYVpjYlo1sJhKmtMpHlzEns7qA==',
    );
    expect(JSON.parse(msg.message)).toMatchObject({ msgid: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=', chattype: 'group', text: { content: '@RobotA hello robot' } });
    const reply = c.seal('{"msgtype":"stream","stream":{"id":"STREAMID","finish":false,"content":"hello"}}', '1409659813', '1372623149', Buffer.from('fedcba9876543210'));
    expect(reply).toEqual({
      encrypt:
        'P9TP8OO8ZpJE35Ha/87+5G9HKJOIRH0CKTuMKMF+7GGOLakEZiYTGR2J4Y6awIbxM+99e6fwv7SyYXCvNUZb5N8WwlJh1uacMsMAJ1cdyDzM3ahL20eUDwCJfJI8s6hMsVYuPxr1jwUP+0c17UmWlBdi9RJ38TPg4dZcZDyQg14=',
      msgsignature: '066718e40fcb47d0f02e96854cbc00996ec11b44',
      timestamp: '1409659813',
      nonce: '1372623149',
    });
  });
});

describe('WXBizMsgCrypt checks', () => {
  const c = new WXBizMsgCrypt(V1.token, V1.key, '');

  it('rejects a receiveid mismatch', () => {
    const other = new WXBizMsgCrypt(V1.token, V1.key, 'corp');
    expect(() => c.decrypt(other.encrypt('hi'))).toThrow(expect.objectContaining({ code: CryptoErrors.ValidateReceiveId }));
  });

  it('rejects a bad signature, tampered ciphertext and bad keys', () => {
    const enc = c.encrypt('hello');
    const sig = c.sign('1', '2', enc);
    expect(c.verify(sig, '1', '2', enc)).toBe(true);
    expect(c.verify(sig.toUpperCase(), '1', '2', enc)).toBe(true);
    expect(c.verify(sig.slice(0, -1), '1', '2', enc)).toBe(false);
    expect(c.verify(sig, '1', '3', enc)).toBe(false);
    const raw = Buffer.from(enc, 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => c.decrypt(raw.toString('base64'))).toThrow(WecomCryptoError);
    expect(() => c.decrypt('abc')).toThrow(WecomCryptoError);
    expect(() => new WXBizMsgCrypt('t', 'short', '')).toThrow(WecomCryptoError);
  });

  it('pads 1..32 and strips it back', () => {
    for (let n = 0; n < 70; n++) {
      const p = pkcs7Pad(Buffer.alloc(n, 7));
      expect(p.length % 32).toBe(0);
      expect(p.length - n).toBeGreaterThanOrEqual(1);
      expect(p.length - n).toBeLessThanOrEqual(32);
      expect(pkcs7Unpad(p).length).toBe(n);
    }
    const bad = pkcs7Pad(Buffer.alloc(5));
    bad[bad.length - 2] = 1;
    expect(() => pkcs7Unpad(bad)).toThrow(WecomCryptoError);
  });

  it('maps a literal space back to + (proxy-decoded query)', () => {
    for (let i = 0; i < 50; i++) {
      const enc = c.encrypt('x'.repeat(i));
      if (enc.includes('+')) {
        expect(c.decrypt(enc.replace(/\+/g, ' ')).message).toBe('x'.repeat(i));
        return;
      }
    }
  });
});

describe('cross-check with @wecom/crypto', () => {
  const key = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
  const pads = new Set<number>();

  it('encrypt with ours → decrypt with theirs, and back, over many random lengths', () => {
    for (const rid of ['', 'wx5823bf96d3bd56c7']) {
      const ours = new WXBizMsgCrypt('tok', key, rid);
      for (let len = 0; len < 300; len++) {
        const msg = randomBytes(len).toString('base64').slice(0, len) + (len % 7 === 0 ? '中文汉字' : '');
        const bytes = 20 + Buffer.byteLength(msg) + Buffer.byteLength(rid);
        pads.add(32 - (bytes % 32));
        const random = randomBytes(16);
        const a = ours.encrypt(msg, random);
        const b = official.encrypt(key, msg, rid, random);
        expect(a).toBe(b);
        expect(official.decrypt(key, a)).toMatchObject({ message: msg, id: rid });
        expect(ours.decrypt(official.encrypt(key, msg, rid)).message).toBe(msg);
      }
    }
    for (let p = 17; p <= 32; p++) expect(pads.has(p)).toBe(true);
  });

  it('signatures agree', () => {
    for (let i = 0; i < 50; i++) {
      const [t, ts, n, e] = [randomBytes(8).toString('hex'), String(1700000000 + i), String(i * 7919), randomBytes(40).toString('base64')];
      expect(signature(t, ts, n, e)).toBe(official.getSignature(t, ts, n, e));
    }
  });
});
