import type { Page, PageRequest } from '../../domain/page';
import type { Run } from '../../domain/run';
import type { Stored } from './stored';

/** Training and scoring runs. */
export interface RunStore {
  /** Creates or replaces the run; with ifMatch, only if unchanged since read; with ifNoneMatch '*', only if new. */
  putRun(run: Run, options?: { ifMatch?: string; ifNoneMatch?: '*' }): Promise<Stored<Run>>;
  getRun(model: string, id: string): Promise<Stored<Run> | undefined>;
  /** Newest first. */
  listRuns(model: string, page?: PageRequest): Promise<Page<Stored<Run>>>;
}
