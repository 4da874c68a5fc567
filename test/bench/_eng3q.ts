import { parseQuery } from '../../src/answer/query.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
const ctx = knowledgeContext();
for (const q of process.argv.slice(2)) { const p = parseQuery(q, ctx); console.log(q, JSON.stringify({topic: p.topic, tw: p.topicWithTowns, towns: p.towns})); }
