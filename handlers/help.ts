import type { OutgoingReply } from '../src/types.ts';

export function handleHelp(): OutgoingReply {
  return {
    text: [
      '督办助手用法：直接提问即可，例如',
      '· 谁牵头第28项 / 第二十八项',
      '· 民生实事第3项 / 票决第2项 / 第43个指标',
      '· 曹陶牵头哪些任务 / 住建局牵头几项',
      '· 白水镇要建几个和美湘村',
      '· 自建桥梁9月底前要完成多少座',
      '· 什么是三高四新',
    ].join('\n'),
  };
}
