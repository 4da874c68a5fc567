import type { SourceRef } from '../../knowledge/types.ts';

export interface Answer {
  found: boolean;
  text: string;
  refs: SourceRef[];
}
