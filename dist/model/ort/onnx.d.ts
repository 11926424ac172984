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
/** The first output's name: see above. */
export declare const SKIP_OUTPUT = "skip";
/** What onnxruntime-node's binding throws for it, once y is written. */
export declare const SKIP_OUTPUT_ERROR = "Tensor type (16) is not supported.";
/** The model bytes for one orientation, with or without a bias: inputs `x`, `w` [, `b`], outputs `skip`, `y`. */
export declare function productModel(orientation: Orientation, withBias?: boolean): Uint8Array;
