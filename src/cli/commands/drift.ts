import type { Command } from 'commander';
import { modelPath } from '../api-client';
import {
  driftedFeatures,
  liveErrorText,
  qualityText,
  retrainText,
  type DriftHistory,
} from '../api/drift-history';
import { apiCommand, clientFor, printRead, type ApiOptions } from '../command-options';

export function driftCommand(): Command {
  return apiCommand('drift', { read: true })
    .description(
      "show a model's drift checks, newest first: verdict, drifted features, data quality, live error, retrain",
    )
    .argument('<model>', 'model name')
    .action(async (model: string, opts: ApiOptions) => {
      const history = await clientFor(opts).get<DriftHistory>(modelPath(model, '/drift?pageSize=50'));
      printRead(
        opts,
        history,
        history.items,
        [
          { heading: 'CHECKED', value: (c) => c.createdAt },
          { heading: 'VERSION', value: (c) => c.version, right: true },
          { heading: 'VERDICT', value: (c) => c.status },
          { heading: 'ROWS', value: (c) => c.rows, right: true },
          { heading: 'DRIFTED FEATURES', value: (c) => driftedFeatures(c) },
          { heading: 'DATA QUALITY', value: (c) => qualityText(c) },
          { heading: 'LIVE ERROR', value: (c) => liveErrorText(c) },
          { heading: 'RETRAIN', value: (c) => retrainText(c) },
        ],
        `${model} has no drift checks yet (they run on DRIFT_SCHEDULE once predictions are logged)`,
      );
    });
}
