/**
 * Field numbers and enum values of the subset of onnx.proto the model writer emits, copied from
 * the spec: https://github.com/onnx/onnx/blob/main/onnx/onnx.proto (proto2, package onnx).
 *
 * The messages are laid out by hand over protobufjs's wire-format `Writer` because no maintained
 * TypeScript package ships onnx.proto for protobufjs >= 7 (the `onnx-proto` package pins
 * protobufjs 6), and the subset we write is small and frozen by the spec.
 */

/** protobuf wire types (https://protobuf.dev/programming-guides/encoding/). */
export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

export const MODEL = {
  irVersion: 1,
  producerName: 2,
  producerVersion: 3,
  domain: 4,
  modelVersion: 5,
  docString: 6,
  graph: 7,
  opsetImport: 8,
  metadataProps: 14,
} as const;

export const OPERATOR_SET_ID = { domain: 1, version: 2 } as const;

export const STRING_STRING_ENTRY = { key: 1, value: 2 } as const;

export const GRAPH = {
  node: 1,
  name: 2,
  initializer: 5,
  docString: 10,
  input: 11,
  output: 12,
} as const;

export const NODE = {
  input: 1,
  output: 2,
  name: 3,
  opType: 4,
  attribute: 5,
  docString: 6,
  domain: 7,
} as const;

export const ATTRIBUTE = {
  name: 1,
  f: 2,
  i: 3,
  s: 4,
  t: 5,
  floats: 7,
  ints: 8,
  strings: 9,
  type: 20,
} as const;

/** AttributeProto.AttributeType */
export const ATTRIBUTE_TYPE = {
  float: 1,
  int: 2,
  string: 3,
  tensor: 4,
  floats: 6,
  ints: 7,
  strings: 8,
} as const;

export const VALUE_INFO = { name: 1, type: 2, docString: 3 } as const;

/** TypeProto.tensor_type, TypeProto.Tensor.{elem_type, shape} */
export const TYPE = { tensorType: 1 } as const;
export const TENSOR_TYPE = { elemType: 1, shape: 2 } as const;

/** TensorShapeProto.dim, TensorShapeProto.Dimension.{dim_value, dim_param} */
export const SHAPE = { dim: 1 } as const;
export const DIMENSION = { dimValue: 1, dimParam: 2 } as const;

export const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 } as const;

/** TensorProto.DataType values for the element types the exporters use. */
export const DATA_TYPE = { float: 1, int64: 7, double: 11 } as const;
