// Entry of the reminder calendar's worker thread (see calendar.ts): loads the TypeScript
// worker through tsx's scoped loader, which works whether or not the parent runs under tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./calendarWorker.ts', import.meta.url);
