import type { Task } from '../matrix';
import type { DateFormat } from '../schema/date-format';
import type { DatePart } from '../schema/datetime';
import type { ColumnType, EpochUnit } from '../schema/types';

/** Which model family the features are built for: trees keep NaN and codes, linear imputes and one-hot encodes. */
export type ModelFamily = 'trees' | 'linear';

/** Spec-like options of `fitPipeline`. */
export interface PipelineOptions {
  readonly target: string;
  readonly task: Task;
  /** Columns to use; default all but the target and `exclude`. */
  readonly features?: readonly string[];
  readonly exclude?: readonly string[];
  /** A time column (its date parts become features when it is one). */
  readonly timeColumn?: string;
  /** Date forms per column, as the spec sets them (see InferOptions.dateFormats). */
  readonly dateFormats?: Readonly<Record<string, DateFormat>>;
  readonly forModel: ModelFamily;
  /** Vocabulary size per categorical column, the unknown bucket included; default 255 trees, 50 linear. */
  readonly maxCategories?: number;
  /** Classes a multiclass target may have; default 100. */
  readonly maxClasses?: number;
  /** Rows to fit on (e.g. the training part of a split); default all rows. */
  readonly rows?: Int32Array;
}

/** One raw input field the pipeline reads: what a serving request must carry. */
export interface InputField {
  readonly name: string;
  readonly type: ColumnType;
  readonly unit?: EpochUnit;
  /** A datetime input's non-ISO date form: requests must write it the same way (or ISO 8601). */
  readonly format?: DateFormat;
}

/** How one input becomes feature columns. Plain JSON, stored in the model card. */
export type FeatureStep =
  | {
      readonly kind: 'numeric';
      readonly input: string;
      readonly output: string;
      readonly impute: number | null;
    }
  | {
      readonly kind: 'boolean';
      readonly input: string;
      readonly output: string;
      readonly impute: number | null;
    }
  | {
      readonly kind: 'dateParts';
      readonly input: string;
      readonly parts: readonly DatePart[];
      readonly outputs: readonly string[];
      /** Per part, linear models only. */
      readonly impute: readonly number[] | null;
    }
  | {
      /** Trees: the vocabulary index, vocabulary.length for unknown values, NaN when missing. */
      readonly kind: 'ordinal';
      readonly input: string;
      readonly output: string;
      readonly vocabulary: readonly string[];
    }
  | {
      /** Linear: one 0/1 column per vocabulary value plus one for unknown or missing values. */
      readonly kind: 'oneHot';
      readonly input: string;
      readonly outputs: readonly string[];
      readonly vocabulary: readonly string[];
    };

/** How the target is encoded: numbers for regression, class indices for classification. */
export type TargetEncoding =
  | { readonly name: string; readonly task: 'regression' }
  | { readonly name: string; readonly task: 'binary' | 'multiclass'; readonly classes: readonly string[] };

/** A column left out, and why (for the data report and the model card). */
export interface DroppedColumn {
  readonly column: string;
  readonly reason: 'constant' | 'all_missing';
  readonly message: string;
}

/** The fitted feature pipeline, shared by training and serving; plain JSON. */
export interface FeaturePipeline {
  readonly version: 1;
  readonly forModel: ModelFamily;
  readonly target: TargetEncoding;
  readonly inputs: readonly InputField[];
  readonly steps: readonly FeatureStep[];
  /** Output column names in FeatureMatrix order. */
  readonly featureNames: readonly string[];
  readonly dropped: readonly DroppedColumn[];
  readonly warnings: readonly string[];
}
