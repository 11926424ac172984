/**
 * The one-node ONNX graphs the ort backend runs, written as protobuf bytes here (no .onnx file
 * in the repository, no protobuf library): y (M,N) = x (M,K) times a weight [+ bias (N)], the
 * weight (and bias) graph INPUTS, not initializers, so each product is fed memory scanconv
 * already holds and onnxruntime keeps no copy of it between calls. Every dimension is symbolic,
 * so one session per graph serves every shape (a run costs about 35 us beyond its arithmetic, so
 * sessions per shape would gain nothing measurable):
 *   'in,out': MatMul(x, w (K,N))              Flax kernels, GPT-2's Conv1D
 *   'out,in': Gemm(x, w (N,K), transB=1)      PyTorch's Linear weights, (V,D) heads
 *   with a bias: Gemm(x, w, b (N)) [transB=1] one node, not MatMul + Add: the bias is added
 *                                           by MLAS as it writes y, not by a second pass in tfjs
 * MLAS packs either orientation as it multiplies, so no weight is ever transposed on the host.
 * Field numbers are onnx.proto's (ModelProto, GraphProto, NodeProto, ValueInfoProto, TypeProto).
 */
export type Orientation = 'in,out' | 'out,in';

/** ONNX IR version 8 and opset 17: what every onnxruntime since 1.14 reads. */
const IR_VERSION = 8;
const OPSET = 17;
const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTRIBUTE_INT = 2; // AttributeProto.AttributeType.INT

function varint(n: number): number[] {
  const out: number[] = [];
  for (let v = n; ; v = Math.floor(v / 128)) {
    if (v < 128) {
      out.push(v);
      return out;
    }
    out.push((v % 128) | 128);
  }
}

const tag = (field: number, wire: 0 | 2) => varint(field * 8 + wire);
const int = (field: number, n: number) => [...tag(field, 0), ...varint(n)];
const message = (field: number, body: number[]) => [...tag(field, 2), ...varint(body.length), ...body];
const text = (field: number, s: string) => message(field, [...new TextEncoder().encode(s)]);

/** A float tensor input or output of symbolic shape `dims` (ValueInfoProto). */
function valueInfo(name: string, dims: readonly string[]): number[] {
  const shape = dims.flatMap((d) => message(1, text(2, d))); // TensorShapeProto.dim { dim_param }
  return [...text(1, name), ...message(2, message(1, [...int(1, FLOAT), ...message(2, shape)]))];
}

/** The model bytes for one orientation, with or without a bias: inputs `x`, `w` [, `b`], output `y`. */
export function productModel(orientation: Orientation, withBias = false): Uint8Array {
  const outIn = orientation === 'out,in';
  const inputs = [...text(1, 'x'), ...text(1, 'w'), ...(withBias ? text(1, 'b') : [])];
  const transB = message(5, [...text(1, 'transB'), ...int(3, 1), ...int(20, ATTRIBUTE_INT)]);
  const node = outIn || withBias ? [...inputs, ...text(2, 'y'), ...text(4, 'Gemm'), ...(outIn ? transB : [])] : [...inputs, ...text(2, 'y'), ...text(4, 'MatMul')];
  const graph = [
    ...message(1, node),
    ...text(2, `scanconv_linear_${outIn ? 'out_in' : 'in_out'}${withBias ? '_bias' : ''}`),
    ...message(11, valueInfo('x', ['M', 'K'])),
    ...message(11, valueInfo('w', outIn ? ['N', 'K'] : ['K', 'N'])),
    ...(withBias ? message(11, valueInfo('b', ['N'])) : []),
    ...message(12, valueInfo('y', ['M', 'N'])),
  ];
  return Uint8Array.from([...int(1, IR_VERSION), ...text(2, 'scanconv'), ...message(7, graph), ...message(8, [...text(1, ''), ...int(2, OPSET)])]);
}
