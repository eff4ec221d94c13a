import { AppError } from '../../errors';
import type { JsonValue } from '../../domain/json';
import type { SpecStore, SpecWriteCondition } from '../../platform/ports/spec-store';
import { parseModelSpec } from '../../domain/spec/model-spec';

/** The stored spec as `PUT /spec` and the model summary show it; `etag` is what If-Match takes. */
export interface SpecView {
  readonly model: string;
  readonly spec: Record<string, unknown>;
  readonly updatedAt: string;
  readonly etag: string;
}

/**
 * Validates a model spec with the pipeline's schema (400 naming every bad field) and stores it
 * as written, defaults unfilled, so a later change of a default applies to it too. The next
 * training run of the model uses it instead of datasets/{model}/model.json. With If-Match, only
 * the spec the caller read is replaced; with If-None-Match: *, only a model without one gets it,
 * so two operators editing at once cannot silently undo each other's change.
 */
export async function putModelSpec(
  registry: Pick<SpecStore, 'putSpec'>,
  model: string,
  body: unknown,
  condition: SpecWriteCondition = {},
): Promise<SpecView> {
  parseModelSpec(body);
  try {
    const stored = await registry.putSpec(model, body as JsonValue, condition);
    return {
      model,
      spec: stored.spec as Record<string, unknown>,
      updatedAt: stored.updatedAt,
      etag: stored.etag,
    };
  } catch (err) {
    throw refusedWrite(err, model, condition) ?? err;
  }
}

/** A lost condition in words: what changed, and what to do. Undefined for any other error. */
function refusedWrite(err: unknown, model: string, condition: SpecWriteCondition): AppError | undefined {
  if (!(err instanceof AppError)) return undefined;
  if (condition.ifNoneMatch === '*' && err.category === 'conflict') {
    return new AppError(
      'conflict',
      'spec_exists',
      `Model "${model}" already has a spec; read it (GET /api/models/${model}) and send its ETag as If-Match to replace it`,
      { model },
    );
  }
  // Replacing with If-Match a spec that is gone is a lost race too, not a missing model.
  if (condition.ifMatch !== undefined && (err.category === 'conflict' || err.category === 'not_found')) {
    return new AppError(
      'conflict',
      'spec_changed',
      `The spec of model "${model}" changed since it was read (If-Match ${condition.ifMatch}); read it again and retry`,
      { model, ifMatch: condition.ifMatch },
    );
  }
  return undefined;
}
