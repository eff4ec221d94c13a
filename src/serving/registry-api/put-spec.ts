import type { JsonValue } from '../../domain/json';
import type { SpecStore } from '../../platform/ports/spec-store';
import { parseModelSpec } from '../../domain/spec/model-spec';

/**
 * Validates a model spec with the pipeline's schema (400 naming every bad field) and stores it
 * as written, defaults unfilled, so a later change of a default applies to it too. The next
 * training run of the model uses it instead of datasets/{model}/model.json.
 */
export async function putModelSpec(
  registry: Pick<SpecStore, 'putSpec'>,
  model: string,
  body: unknown,
): Promise<{ model: string; spec: Record<string, unknown>; updatedAt: string }> {
  parseModelSpec(body);
  const stored = await registry.putSpec(model, body as JsonValue);
  return { model, spec: stored.spec as Record<string, unknown>, updatedAt: stored.updatedAt };
}
