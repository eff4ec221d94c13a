import { Writer } from 'protobufjs/minimal';
import type { OnnxModel } from '../../../../src/ml/onnx/proto/model';

/** The smallest model ONNX Runtime loads: y = x. */
export const IDENTITY_MODEL: OnnxModel = {
  irVersion: 8,
  opsets: [{ domain: '', version: 17 }],
  producerName: 'test',
  producerVersion: '1',
  graph: {
    name: 'identity',
    nodes: [{ opType: 'Identity', inputs: ['x'], outputs: ['y'] }],
    inputs: [{ name: 'x', elemType: 'float', shape: ['N', 1] }],
    outputs: [{ name: 'y', elemType: 'float', shape: ['N', 1] }],
  },
};

/** A model whose one initializer keeps its data in an external file (onnx.proto fields). */
export function externalDataModel(): Buffer {
  const tensor = Writer.create()
    .uint32((8 << 3) | 2)
    .string('w')
    .uint32(14 << 3)
    .int32(1)
    .finish();
  const graph = Writer.create()
    .uint32((5 << 3) | 2)
    .bytes(tensor)
    .finish();
  return Buffer.from(
    Writer.create()
      .uint32(1 << 3)
      .int64(8)
      .uint32((7 << 3) | 2)
      .bytes(graph)
      .finish(),
  );
}
