import { Writer } from 'protobufjs/minimal';
import {
  ATTRIBUTE,
  ATTRIBUTE_TYPE,
  DATA_TYPE,
  DIMENSION,
  GRAPH,
  MODEL,
  NODE,
  OPERATOR_SET_ID,
  SHAPE,
  STRING_STRING_ENTRY,
  TENSOR,
  TENSOR_TYPE,
  TYPE,
  VALUE_INFO,
  WIRE,
} from './onnx-fields';
import type { Attribute, Graph, GraphNode, Initializer, OnnxModel, TensorValue, ValueInfo } from './model';

/** Encodes a model description as ONNX ModelProto bytes (the content of a .onnx file). */
export function encodeModel(model: OnnxModel): Uint8Array {
  const w = Writer.create();
  int64Field(w, MODEL.irVersion, model.irVersion);
  stringField(w, MODEL.producerName, model.producerName);
  stringField(w, MODEL.producerVersion, model.producerVersion);
  if (model.docString !== undefined) stringField(w, MODEL.docString, model.docString);
  message(w, MODEL.graph, () => writeGraph(w, model.graph));
  for (const opset of model.opsets) {
    message(w, MODEL.opsetImport, () => {
      stringField(w, OPERATOR_SET_ID.domain, opset.domain);
      int64Field(w, OPERATOR_SET_ID.version, opset.version);
    });
  }
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    message(w, MODEL.metadataProps, () => {
      stringField(w, STRING_STRING_ENTRY.key, key);
      stringField(w, STRING_STRING_ENTRY.value, value);
    });
  }
  return w.finish();
}

function writeGraph(w: Writer, graph: Graph): void {
  for (const node of graph.nodes) message(w, GRAPH.node, () => writeNode(w, node));
  stringField(w, GRAPH.name, graph.name);
  for (const init of graph.initializers ?? []) message(w, GRAPH.initializer, () => writeInitializer(w, init));
  for (const input of graph.inputs) message(w, GRAPH.input, () => writeValueInfo(w, input));
  for (const output of graph.outputs) message(w, GRAPH.output, () => writeValueInfo(w, output));
}

function writeNode(w: Writer, node: GraphNode): void {
  for (const input of node.inputs) stringField(w, NODE.input, input);
  for (const output of node.outputs) stringField(w, NODE.output, output);
  if (node.name !== undefined) stringField(w, NODE.name, node.name);
  stringField(w, NODE.opType, node.opType);
  for (const attr of node.attributes ?? []) message(w, NODE.attribute, () => writeAttribute(w, attr));
  if (node.domain) stringField(w, NODE.domain, node.domain);
}

function writeAttribute(w: Writer, attr: Attribute): void {
  stringField(w, ATTRIBUTE.name, attr.name);
  const v = attr.value;
  int64Field(w, ATTRIBUTE.type, ATTRIBUTE_TYPE[v.type]);
  switch (v.type) {
    case 'float':
      w.uint32(tag(ATTRIBUTE.f, WIRE.fixed32)).float(v.value);
      return;
    case 'int':
      int64Field(w, ATTRIBUTE.i, v.value);
      return;
    case 'string':
      bytesField(w, ATTRIBUTE.s, Buffer.from(v.value, 'utf8'));
      return;
    case 'floats':
      // Packed encoding: proto2 parsers accept it for repeated scalars, and it is 5x smaller.
      message(w, ATTRIBUTE.floats, () => {
        for (let i = 0; i < v.value.length; i++) w.float(v.value[i]);
      });
      return;
    case 'ints':
      message(w, ATTRIBUTE.ints, () => {
        for (let i = 0; i < v.value.length; i++) w.int64(v.value[i]);
      });
      return;
    case 'strings':
      for (const s of v.value) bytesField(w, ATTRIBUTE.strings, Buffer.from(s, 'utf8'));
      return;
    case 'tensor':
      message(w, ATTRIBUTE.t, () => writeTensor(w, v.value));
      return;
  }
}

function writeInitializer(w: Writer, init: Initializer): void {
  writeTensor(w, init.tensor);
  stringField(w, TENSOR.name, init.name);
}

function writeTensor(w: Writer, tensor: TensorValue): void {
  for (const dim of tensor.dims) int64Field(w, TENSOR.dims, dim);
  int64Field(w, TENSOR.dataType, DATA_TYPE[tensor.elemType]);
  bytesField(w, TENSOR.rawData, littleEndianBytes(tensor));
}

/** raw_data must be fixed-width little-endian whatever the host's byte order (onnx.proto). */
function littleEndianBytes(tensor: TensorValue): Uint8Array {
  const width = tensor.elemType === 'float' ? 4 : 8;
  const out = new Uint8Array(tensor.data.length * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < tensor.data.length; i++) {
    if (tensor.elemType === 'float') view.setFloat32(i * 4, tensor.data[i], true);
    else if (tensor.elemType === 'double') view.setFloat64(i * 8, tensor.data[i], true);
    else view.setBigInt64(i * 8, tensor.data[i], true);
  }
  return out;
}

function writeValueInfo(w: Writer, info: ValueInfo): void {
  stringField(w, VALUE_INFO.name, info.name);
  message(w, VALUE_INFO.type, () =>
    message(w, TYPE.tensorType, () => {
      int64Field(w, TENSOR_TYPE.elemType, DATA_TYPE[info.elemType]);
      message(w, TENSOR_TYPE.shape, () => {
        for (const dim of info.shape) {
          message(w, SHAPE.dim, () => {
            if (typeof dim === 'number') int64Field(w, DIMENSION.dimValue, dim);
            else stringField(w, DIMENSION.dimParam, dim);
          });
        }
      });
    }),
  );
}

function tag(field: number, wireType: number): number {
  return ((field << 3) | wireType) >>> 0;
}

/** Writes a length-delimited submessage (or packed list) whose body `write` emits. */
function message(w: Writer, field: number, write: () => void): void {
  w.uint32(tag(field, WIRE.lengthDelimited)).fork();
  write();
  w.ldelim();
}

function int64Field(w: Writer, field: number, value: number): void {
  w.uint32(tag(field, WIRE.varint)).int64(value);
}

function stringField(w: Writer, field: number, value: string): void {
  w.uint32(tag(field, WIRE.lengthDelimited)).string(value);
}

function bytesField(w: Writer, field: number, value: Uint8Array): void {
  w.uint32(tag(field, WIRE.lengthDelimited)).bytes(value);
}
