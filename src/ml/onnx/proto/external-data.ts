import { Reader } from 'protobufjs/minimal';

// onnx.proto field numbers on the paths to every TensorProto a model can hold.
const MODEL_GRAPH = 7;
const MODEL_FUNCTIONS = 25;
const FUNCTION_NODE = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const GRAPH_SPARSE_INITIALIZER = 15;
const NODE_ATTRIBUTE = 5;
const ATTRIBUTE_T = 5;
const ATTRIBUTE_G = 6;
const ATTRIBUTE_TENSORS = 10;
const ATTRIBUTE_GRAPHS = 11;
const ATTRIBUTE_SPARSE_TENSOR = 22;
const ATTRIBUTE_SPARSE_TENSORS = 23;
const SPARSE_VALUES = 1;
const SPARSE_INDICES = 2;
const TENSOR_NAME = 8;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const DATA_LOCATION_EXTERNAL = 1;
const LENGTH_DELIMITED = 2;
const VARINT = 0;

/** Deeper nesting than any real model has (subgraphs of subgraphs): refused rather than followed. */
const MAX_DEPTH = 32;

type Kind = 'model' | 'function' | 'graph' | 'node' | 'attribute' | 'sparse' | 'tensor';

/** Which message each length-delimited field of a message kind holds, where it can lead to a tensor. */
const CHILDREN: Record<Exclude<Kind, 'tensor'>, Readonly<Record<number, Kind>>> = {
  model: { [MODEL_GRAPH]: 'graph', [MODEL_FUNCTIONS]: 'function' },
  function: { [FUNCTION_NODE]: 'node' },
  graph: { [GRAPH_NODE]: 'node', [GRAPH_INITIALIZER]: 'tensor', [GRAPH_SPARSE_INITIALIZER]: 'sparse' },
  node: { [NODE_ATTRIBUTE]: 'attribute' },
  attribute: {
    [ATTRIBUTE_T]: 'tensor',
    [ATTRIBUTE_G]: 'graph',
    [ATTRIBUTE_TENSORS]: 'tensor',
    [ATTRIBUTE_GRAPHS]: 'graph',
    [ATTRIBUTE_SPARSE_TENSOR]: 'sparse',
    [ATTRIBUTE_SPARSE_TENSORS]: 'sparse',
  },
  sparse: { [SPARSE_VALUES]: 'tensor', [SPARSE_INDICES]: 'tensor' },
};

/** What the scan found: a tensor stored outside the file, or a structure it refuses to follow. */
export type ExternalDataFinding =
  { readonly kind: 'external_data'; readonly tensor: string } | { readonly kind: 'too_deep' };

/**
 * Scans an ONNX ModelProto for tensors whose data lives outside the file (data_location
 * EXTERNAL or external_data entries) in initializers, sparse initializers, attributes,
 * subgraphs and functions: ONNX Runtime would open the paths they name. Reads the wire format
 * only, without decoding tensor data. Throws when the bytes are not a protobuf message.
 */
export function findExternalData(bytes: Uint8Array): ExternalDataFinding | undefined {
  return scan(bytes, 'model', 0);
}

function scan(bytes: Uint8Array, kind: Kind, depth: number): ExternalDataFinding | undefined {
  if (depth > MAX_DEPTH) return { kind: 'too_deep' };
  const reader = Reader.create(bytes);
  let name = '';
  let external = false;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (kind === 'tensor') {
      if (field === TENSOR_DATA_LOCATION && wire === VARINT) {
        if (reader.int32() === DATA_LOCATION_EXTERNAL) external = true;
        continue;
      }
      if (field === TENSOR_EXTERNAL_DATA && wire === LENGTH_DELIMITED) {
        external = true;
        reader.skipType(wire);
        continue;
      }
      if (field === TENSOR_NAME && wire === LENGTH_DELIMITED) {
        name = reader.string();
        continue;
      }
      reader.skipType(wire);
      continue;
    }
    const child = CHILDREN[kind][field];
    if (child !== undefined && wire === LENGTH_DELIMITED) {
      const found = scan(reader.bytes(), child, depth + 1);
      if (found) return found;
      continue;
    }
    reader.skipType(wire);
  }
  return external ? { kind: 'external_data', tensor: name } : undefined;
}
