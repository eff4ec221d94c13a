import { AppError } from '../errors';

/** The registry reads that tell whether a model exists: a run, a version or a spec. */
export interface ModelTraces {
  listRuns(model: string, page: { pageSize: number }): Promise<{ readonly items: readonly unknown[] }>;
  listVersions(model: string, page: { pageSize: number }): Promise<{ readonly items: readonly unknown[] }>;
  getSpec(model: string): Promise<unknown>;
}

/** Throws 'not_found' unless the model has a run, a version or a spec. */
export async function requireKnownModel(registry: ModelTraces, model: string): Promise<void> {
  const [runs, versions, spec] = await Promise.all([
    registry.listRuns(model, { pageSize: 1 }),
    registry.listVersions(model, { pageSize: 1 }),
    registry.getSpec(model),
  ]);
  if (runs.items.length > 0 || versions.items.length > 0 || spec) return;
  throw new AppError(
    'not_found',
    'model_not_found',
    `Model "${model}" is unknown: it has no runs, versions or spec`,
    {
      model,
    },
  );
}
