import type { TrainedModel } from '../../models/types';
import type { GraphBody, ModelExporter } from './exporter';
import { linearExporter } from './linear';
import { treeEnsembleExporter } from './tree-ensemble';

type ExporterByKind = {
  readonly [K in TrainedModel['kind']]: ModelExporter<Extract<TrainedModel, { kind: K }>>;
};

/** One exporter per model kind; adding a kind to TrainedModel fails to compile until it has one. */
export const EXPORTERS: ExporterByKind = {
  gbdt: treeEnsembleExporter,
  linear: linearExporter,
};

/** Builds the graph body for a trained model with the exporter of its kind. */
export function buildGraphBody(model: TrainedModel): GraphBody {
  switch (model.kind) {
    case 'gbdt':
      return EXPORTERS.gbdt.build(model);
    case 'linear':
      return EXPORTERS.linear.build(model);
  }
}
