// /帮助 — generated from the registered specs (src/commands/registry.ts renderHelp).
import { defineCommand, noArgs, ANYONE } from '../spec.ts';

/** `render` is bound by the router to the registry the message went through. */
export const help = defineCommand<null>({
  id: 'help',
  names: ['帮助', '用法', 'bz', 'help', 'h', '?', '？'],
  doc: '本说明：怎么提问、有哪些命令',
  access: ANYONE,
  writes: false,
  parse: noArgs,
  run: () => {
    throw new Error('help is answered by the router');
  },
});
