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
/** The model bytes for one orientation, with or without a bias: inputs `x`, `w` [, `b`], output `y`. */
export declare function productModel(orientation: Orientation, withBias?: boolean): Uint8Array;
