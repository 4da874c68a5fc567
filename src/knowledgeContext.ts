import { loadKnowledge } from '../knowledge/load.ts';
import { buildContext, type AnswerContext } from './answer/context.ts';

let ctx: AnswerContext | undefined;

/** The bundled knowledge, indexed once per process. */
export function knowledgeContext(): AnswerContext {
  ctx ??= buildContext(loadKnowledge());
  return ctx;
}
