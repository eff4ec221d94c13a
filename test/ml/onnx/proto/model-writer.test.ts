import * as ort from 'onnxruntime-node';
import * as protobuf from 'protobufjs';
import { describe, expect, test } from 'vitest';
import type { OnnxModel } from '../../../../src/ml/onnx/proto/model';
import { encodeModel } from '../../../../src/ml/onnx/proto/model-writer';

// The messages we write, in the spec's own syntax (onnx/onnx.proto), decoded by protobufjs's
// parser: an independent check of the field numbers declared in onnx-fields.ts.
const ONNX_SUBSET = `
syntax = "proto2";
package onnx;
message AttributeProto {
  optional string name = 1; optional int32 type = 20; optional float f = 2; optional int64 i = 3;
  optional bytes s = 4; optional TensorProto t = 5; repeated float floats = 7; repeated int64 ints = 8;
  repeated bytes strings = 9;
}
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; }
message NodeProto {
  repeated string input = 1; repeated string output = 2; optional string name = 3;
  optional string op_type = 4; optional string domain = 7; repeated AttributeProto attribute = 5;
}
message ModelProto {
  optional int64 ir_version = 1; repeated OperatorSetIdProto opset_import = 8;
  optional string producer_name = 2; optional string producer_version = 3; optional string doc_string = 6;
  optional GraphProto graph = 7; repeated StringStringEntryProto metadata_props = 14;
}
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message GraphProto {
  repeated NodeProto node = 1; optional string name = 2; repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12;
}
message TensorProto { repeated int64 dims = 1; optional int32 data_type = 2; optional string name = 8; optional bytes raw_data = 9; }
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
`;
const ModelProto = protobuf.parse(ONNX_SUBSET).root.lookupType('onnx.ModelProto');

// y = x * scale + bias (float), with one attribute of each kind on a node ORT ignores the content of.
const model: OnnxModel = {
  irVersion: 8,
  opsets: [
    { domain: '', version: 17 },
    { domain: 'ai.onnx.ml', version: 3 },
  ],
  producerName: 'mlops-functions',
  producerVersion: '1',
  docString: 'écrit à la main',
  graph: {
    name: 'tiny',
    nodes: [
      { opType: 'Mul', name: 'mul', inputs: ['x', 'scale'], outputs: ['scaled'] },
      {
        opType: 'Add',
        name: 'add',
        inputs: ['scaled', 'bias'],
        outputs: ['y'],
      },
    ],
    inputs: [{ name: 'x', elemType: 'float', shape: ['N', 2] }],
    outputs: [{ name: 'y', elemType: 'float', shape: ['N', 2] }],
    initializers: [
      { name: 'scale', tensor: { elemType: 'float', dims: [2], data: Float32Array.of(2, -0.5) } },
      { name: 'bias', tensor: { elemType: 'float', dims: [2], data: Float32Array.of(1, 1e-3) } },
    ],
  },
  metadata: { feature_names: '["a","ü"]', task: 'regression' },
};

describe('encodeModel', () => {
  test('header, graph and metadata decode with the spec schema', () => {
    const decoded = ModelProto.toObject(ModelProto.decode(encodeModel(model)), {
      longs: Number,
      bytes: Array,
    });
    expect(decoded).toMatchObject({
      irVersion: 8,
      producerName: 'mlops-functions',
      producerVersion: '1',
      docString: 'écrit à la main',
      opsetImport: [
        { domain: '', version: 17 },
        { domain: 'ai.onnx.ml', version: 3 },
      ],
      metadataProps: [
        { key: 'feature_names', value: '["a","ü"]' },
        { key: 'task', value: 'regression' },
      ],
      graph: {
        name: 'tiny',
        node: [
          { opType: 'Mul', name: 'mul', input: ['x', 'scale'], output: ['scaled'] },
          { opType: 'Add', name: 'add', input: ['scaled', 'bias'], output: ['y'] },
        ],
        input: [
          {
            name: 'x',
            type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 2 }] } } },
          },
        ],
        initializer: [
          { name: 'scale', dims: [2], dataType: 1, rawData: [0, 0, 0, 64, 0, 0, 0, 191] },
          { name: 'bias' },
        ],
      },
    });
  });

  test('attributes of every kind decode to their values', () => {
    const attributes = [
      { name: 'f', value: { type: 'float', value: 0.25 } },
      { name: 'i', value: { type: 'int', value: -3 } },
      { name: 's', value: { type: 'string', value: 'BRANCH_LEQ' } },
      { name: 'fs', value: { type: 'floats', value: [1.5, -2] } },
      { name: 'is', value: { type: 'ints', value: [0, 7, 2 ** 40] } },
      { name: 'ss', value: { type: 'strings', value: ['LEAF', 'ü'] } },
      {
        name: 't',
        value: { type: 'tensor', value: { elemType: 'double', dims: [1], data: Float64Array.of(0.1) } },
      },
    ] as const;
    const bytes = encodeModel({
      ...model,
      graph: { ...model.graph, nodes: [{ opType: 'X', inputs: [], outputs: [], attributes }] },
    });
    const decoded = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, bytes: String });
    const attrs = decoded.graph.node[0].attribute;
    const utf8 = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
    expect(attrs.map((a: { type: number }) => a.type)).toEqual([1, 2, 3, 6, 7, 8, 4]);
    expect(attrs[0].f).toBe(0.25);
    expect(attrs[1].i).toBe(-3);
    expect(utf8(attrs[2].s)).toBe('BRANCH_LEQ');
    expect(attrs[3].floats).toEqual([1.5, -2]);
    expect(attrs[4].ints).toEqual([0, 7, 2 ** 40]);
    expect(attrs[5].strings.map(utf8)).toEqual(['LEAF', 'ü']);
    expect(attrs[6].t.dataType).toBe(11);
    expect(Buffer.from(attrs[6].t.rawData, 'base64').readDoubleLE(0)).toBe(0.1);
  });

  test('ONNX Runtime loads and runs the encoded graph', async () => {
    const session = await ort.InferenceSession.create(encodeModel(model));
    expect(session.inputMetadata).toEqual([{ name: 'x', isTensor: true, type: 'float32', shape: ['N', 2] }]);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 2, 3, 4), [2, 2]) });
    expect(Array.from(out.y.data as Float32Array)).toEqual([
      3,
      Math.fround(-1 + 1e-3),
      7,
      Math.fround(-2 + 1e-3),
    ]);
    await session.release();
  });
});
