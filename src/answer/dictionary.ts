// A general Chinese dictionary (jieba's, ~350,000 words) for what the documents cannot tell: that
// 正常, 相加, 属于 are words of their own, so a question's 推进正常 is not a slip of a record's
// 推进政…. Loaded on the first question that needs it (≈ 0.2 s), never at start.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

/** Whether `s` (two or more characters) is one word of the dictionary. */
export function isWord(s: string): boolean {
  if ([...s].length < 2) return false;
  jieba ??= Jieba.withDict(dict);
  // without the HMM only dictionary words are joined
  const cut = jieba.cut(s, false);
  return cut.length === 1 && cut[0] === s;
}

/** The dictionary's words of `s`, in order (no HMM: unknown runs stay single characters). */
export function cutWords(s: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(s, false);
}
