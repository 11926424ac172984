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
 *
 * Every graph's first output is `skip` (SKIP_OUTPUT): x's shape cast to bfloat16, 4 bytes that
 * nobody reads, of a type onnxruntime-node's binding cannot hand to JavaScript. Why: after a run,
 * the binding (1.30) copies every output it was asked for into a new zero-filled ArrayBuffer,
 * also one bound preallocated, which MLAS has already written in place. For a product that copy
 * is of its whole result (0.8 MB at the notebook's size) and with its allocation and page faults
 * cost up to twice the product (384x512x512: 1.2 ms of arithmetic, 1.2 to 3.7 ms with the copy).
 * The binding converts the outputs in order and throws at the first it cannot convert, so `y`
 * is never copied; runtime.ts expects exactly that error. A binding that can convert bfloat16
 * returns both instead: y is still written in place, only copied as well.
 * Field numbers are onnx.proto's (ModelProto, GraphProto, NodeProto, ValueInfoProto, TypeProto).
 */
export type Orientation = 'in,out' | 'out,in';

/** ONNX IR version 8 and opset 17: what every onnxruntime since 1.14 reads. */
const IR_VERSION = 8;
const OPSET = 17;
const FLOAT = 1; // TensorProto.DataType.FLOAT
const BFLOAT16 = 16; // TensorProto.DataType.BFLOAT16
const ATTRIBUTE_INT = 2; // AttributeProto.AttributeType.INT

/** The first output's name: see above. */
export const SKIP_OUTPUT = 'skip';
/** What onnxruntime-node's binding throws for it, once y is written. */
export const SKIP_OUTPUT_ERROR = `Tensor type (${BFLOAT16}) is not supported.`;

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

/** A tensor input or output (float unless said) of symbolic shape `dims` (ValueInfoProto). */
function valueInfo(name: string, dims: readonly string[], elementType = FLOAT): number[] {
  const shape = dims.flatMap((d) => message(1, text(2, d))); // TensorShapeProto.dim { dim_param }
  return [...text(1, name), ...message(2, message(1, [...int(1, elementType), ...message(2, shape)]))];
}

/** The model bytes for one orientation, with or without a bias: inputs `x`, `w` [, `b`], outputs `skip`, `y`. */
export function productModel(orientation: Orientation, withBias = false): Uint8Array {
  const outIn = orientation === 'out,in';
  const inputs = [...text(1, 'x'), ...text(1, 'w'), ...(withBias ? text(1, 'b') : [])];
  const transB = message(5, [...text(1, 'transB'), ...int(3, 1), ...int(20, ATTRIBUTE_INT)]);
  const node = outIn || withBias ? [...inputs, ...text(2, 'y'), ...text(4, 'Gemm'), ...(outIn ? transB : [])] : [...inputs, ...text(2, 'y'), ...text(4, 'MatMul')];
  const shapeNode = [...text(1, 'x'), ...text(2, 'x_shape'), ...text(4, 'Shape')];
  const toBf16 = message(5, [...text(1, 'to'), ...int(3, BFLOAT16), ...int(20, ATTRIBUTE_INT)]);
  const skipNode = [...text(1, 'x_shape'), ...text(2, SKIP_OUTPUT), ...text(4, 'Cast'), ...toBf16];
  const graph = [
    ...message(1, shapeNode),
    ...message(1, skipNode),
    ...message(1, node),
    ...text(2, `scanconv_linear_${outIn ? 'out_in' : 'in_out'}${withBias ? '_bias' : ''}`),
    ...message(11, valueInfo('x', ['M', 'K'])),
    ...message(11, valueInfo('w', outIn ? ['N', 'K'] : ['K', 'N'])),
    ...(withBias ? message(11, valueInfo('b', ['N'])) : []),
    ...message(12, valueInfo(SKIP_OUTPUT, ['R'], BFLOAT16)),
    ...message(12, valueInfo('y', ['M', 'N'])),
  ];
  return Uint8Array.from([...int(1, IR_VERSION), ...text(2, 'scanconv'), ...message(7, graph), ...message(8, [...text(1, ''), ...int(2, OPSET)])]);
}
