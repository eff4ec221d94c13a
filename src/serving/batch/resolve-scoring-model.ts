import { AppError } from '../../errors';
import type { ModelCache } from '../model-cache/model-cache';
import type { ServedModel } from '../model-cache/served-model';

/**
 * The version a drop is scored with: the pinned one, else production. What predict answers with
 * 404 or 409 (no such model, no production version, no such version, a rejected one) fails the
 * run at once with words for a file drop, as retrying cannot fix it.
 */
export async function resolveScoringModel(
  cache: Pick<ModelCache, 'resolve'>,
  model: string,
  pinned: number | undefined,
): Promise<ServedModel> {
  try {
    return await cache.resolve(model, pinned);
  } catch (err) {
    if (!(err instanceof AppError) || (err.category !== 'not_found' && err.category !== 'conflict'))
      throw err;
    throw new AppError('invalid', err.code, scoringMessage(err, model, pinned), err.details);
  }
}

function scoringMessage(err: AppError, model: string, pinned: number | undefined): string {
  switch (err.code) {
    case 'model_not_found':
      return `No such model "${model}": it has no versions and no spec`;
    case 'no_production_version':
      return `Model "${model}" has no production version yet: promote one, or pin a version by dropping the file under ${model}/v{N}/`;
    case 'version_not_found':
      return `Model "${model}" has no version ${pinned}`;
    default:
      return err.message;
  }
}
