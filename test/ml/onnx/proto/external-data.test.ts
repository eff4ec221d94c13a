// The external-data scan against models encoded independently by protobufjs's parser of the
// spec's own field numbers (onnx/onnx.proto), and against what our writer encodes.
import * as protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { findExternalData } from '../../../../src/ml/onnx/proto/external-data';
import { encodeModel } from '../../../../src/ml/onnx/proto/model-writer';
import { IDENTITY_MODEL } from './identity-model';

const ONNX_SUBSET = `
syntax = "proto2";
package onnx;
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message TensorProto {
  repeated int64 dims = 1; optional int32 data_type = 2; optional string name = 8;
  repeated StringStringEntryProto external_data = 13; optional int32 data_location = 14;
}
message SparseTensorProto { optional TensorProto values = 1; optional TensorProto indices = 2; }
message AttributeProto {
  optional string name = 1; optional TensorProto t = 5; optional GraphProto g = 6;
  repeated TensorProto tensors = 10; repeated GraphProto graphs = 11;
}
message NodeProto { optional string op_type = 4; repeated AttributeProto attribute = 5; }
message GraphProto {
  repeated NodeProto node = 1; optional string name = 2; repeated TensorProto initializer = 5;
  repeated SparseTensorProto sparse_initializer = 15;
}
message FunctionProto { optional string name = 1; repeated NodeProto node = 7; }
message ModelProto { optional int64 ir_version = 1; optional GraphProto graph = 7; repeated FunctionProto functions = 25; }
`;
const root = protobuf.parse(ONNX_SUBSET).root;
const Model = root.lookupType('onnx.ModelProto');
const Graph = root.lookupType('onnx.GraphProto');
const encode = (model: object): Uint8Array => Model.encode(Model.fromObject(model)).finish();

const external = { name: 'w', dataType: 1, dims: [4], dataLocation: 1 };
const entries = {
  name: 'w',
  dataType: 1,
  dims: [4],
  externalData: [{ key: 'location', value: '/etc/passwd' }],
};
const nested = (depth: number): object =>
  depth === 0
    ? { name: 'leaf', initializer: [external] }
    : { node: [{ opType: 'If', attribute: [{ name: 'then_branch', g: nested(depth - 1) }] }] };

describe('findExternalData', () => {
  it('finds nothing in a model with embedded tensors', () => {
    expect(findExternalData(encodeModel(IDENTITY_MODEL))).toBeUndefined();
    expect(
      findExternalData(encode({ irVersion: 8, graph: { initializer: [{ name: 'w', dims: [1] }] } })),
    ).toBeUndefined();
  });

  it.each([
    ['an initializer with data_location EXTERNAL', { graph: { initializer: [external] } }],
    ['an initializer with external_data entries only', { graph: { initializer: [entries] } }],
    ['a sparse initializer', { graph: { sparseInitializer: [{ values: external }] } }],
    [
      'a tensor attribute',
      { graph: { node: [{ opType: 'Constant', attribute: [{ name: 'value', t: external }] }] } },
    ],
    ['an If subgraph', { graph: nested(3) }],
    [
      'a Loop body among graphs',
      { graph: { node: [{ attribute: [{ graphs: [{}, { initializer: [entries] }] }] }] } },
    ],
    [
      'a model-local function',
      { functions: [{ name: 'f', node: [{ attribute: [{ tensors: [external] }] }] }] },
    ],
  ])('finds %s', (_what, model) => {
    expect(findExternalData(encode(model))).toMatchObject({ kind: 'external_data' });
  });

  it('names the tensor and refuses nesting deeper than any model needs', () => {
    expect(findExternalData(encode({ graph: { initializer: [external] } }))).toEqual({
      kind: 'external_data',
      tensor: 'w',
    });
    // Wrapped by hand: the encoder refuses to nest that deep itself.
    let graph = Graph.encode(Graph.fromObject({ name: 'leaf' })).finish();
    for (let i = 0; i < 12; i++) {
      const attribute = protobuf.Writer.create()
        .uint32((6 << 3) | 2)
        .bytes(graph)
        .finish();
      const node = protobuf.Writer.create()
        .uint32((5 << 3) | 2)
        .bytes(attribute)
        .finish();
      graph = protobuf.Writer.create()
        .uint32((1 << 3) | 2)
        .bytes(node)
        .finish();
    }
    const model = protobuf.Writer.create()
      .uint32((7 << 3) | 2)
      .bytes(graph)
      .finish();
    expect(findExternalData(model)).toEqual({ kind: 'too_deep' });
  });

  it('throws on bytes that are not a protobuf message', () => {
    expect(() => findExternalData(Buffer.from([0x3a, 0xff, 0xff, 0xff, 0x0f]))).toThrow(
      new RangeError('index out of range: 5 + 33554431 > 5'),
    );
  });
});
