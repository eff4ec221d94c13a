import type { TrainedModel } from '../../models/types';
import type { GraphNode, Initializer } from '../proto/model';

/** What an exporter contributes: the nodes from `features` to the contract's outputs. */
export interface GraphBody {
  readonly nodes: readonly GraphNode[];
  readonly initializers?: readonly Initializer[];
  /** Short human description, stored as the graph's doc string. */
  readonly description: string;
}

/** Descriptor of one exporter: the model kind it handles and how it builds the graph body. */
export interface ModelExporter<M extends TrainedModel = TrainedModel> {
  readonly kind: M['kind'];
  /** Checks the model's arrays (throws DataError 'bad_model') and builds the graph body. */
  readonly build: (model: M) => GraphBody;
}
