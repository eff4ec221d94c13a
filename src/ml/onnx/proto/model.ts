/**
 * Plain-data description of an ONNX model, the subset our exporters build: what the writer
 * encodes to protobuf bytes. Names follow onnx.proto (ModelProto, GraphProto, NodeProto...).
 */

/** Element types the graphs use (TensorProto.DataType). */
export type ElemType = 'float' | 'double' | 'int64';

/** One dimension: a fixed size, or a symbolic name such as 'N' for the batch. */
export type Dim = number | string;

export interface ValueInfo {
  readonly name: string;
  readonly elemType: ElemType;
  readonly shape: readonly Dim[];
}

/** A constant tensor, for initializers and TENSOR attributes; data is row-major. */
export type TensorValue =
  | { readonly elemType: 'float'; readonly dims: readonly number[]; readonly data: Float32Array }
  | { readonly elemType: 'double'; readonly dims: readonly number[]; readonly data: Float64Array }
  | { readonly elemType: 'int64'; readonly dims: readonly number[]; readonly data: BigInt64Array };

export interface Initializer {
  readonly name: string;
  readonly tensor: TensorValue;
}

export type AttributeValue =
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'floats'; readonly value: ArrayLike<number> }
  | { readonly type: 'ints'; readonly value: ArrayLike<number> }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  | { readonly type: 'tensor'; readonly value: TensorValue };

export interface Attribute {
  readonly name: string;
  readonly value: AttributeValue;
}

export interface GraphNode {
  readonly opType: string;
  /** '' (default) for the standard operators, 'ai.onnx.ml' for the classic ML ones. */
  readonly domain?: string;
  readonly name?: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: readonly Attribute[];
}

export interface Graph {
  readonly name: string;
  /** Topologically sorted, as the spec requires. */
  readonly nodes: readonly GraphNode[];
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly initializers?: readonly Initializer[];
}

export interface OpsetImport {
  readonly domain: string;
  readonly version: number;
}

export interface OnnxModel {
  readonly irVersion: number;
  readonly opsets: readonly OpsetImport[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  readonly graph: Graph;
  /** Stored as ModelProto.metadata_props, in key order. */
  readonly metadata?: Readonly<Record<string, string>>;
}
