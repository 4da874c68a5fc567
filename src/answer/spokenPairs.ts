// Two words a leader says in full that the documents write as one compound: "城市农村低保" is
// the documents' "城乡低保", "城镇和农村居民" their "城乡居民". Read before anything else so that
// records and passages alike are searched by the documents' own word.
const PAIRS: [RegExp, string][] = [
  [/城(?:市|镇)(?:和|与|跟|及|、|\s)?(?:农村|乡村)/g, '城乡'],
];

export function foldSpokenPairs(text: string): string {
  return PAIRS.reduce((t, [re, to]) => t.replace(re, to), text);
}
