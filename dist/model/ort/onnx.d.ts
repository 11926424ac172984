/**
 * The two one-node ONNX graphs the ort backend runs, written as protobuf bytes here (no .onnx
 * file in the repository, no protobuf library): y (M,N) = x (M,K) times a weight that is a graph
 * INPUT, not an initializer, so each product is fed the host buffer scanconv already holds and
 * onnxruntime keeps no copy of it between calls. Every dimension is symbolic, so one session per
 * orientation serves every shape:
 *   'in,out': MatMul(x, w (K,N))              Flax kernels, GPT-2's Conv1D
 *   'out,in': Gemm(x, w (N,K), transB=1)      PyTorch's Linear weights, (V,D) heads
 * MLAS packs either orientation as it multiplies, so no weight is ever transposed on the host.
 * Field numbers are onnx.proto's (ModelProto, GraphProto, NodeProto, ValueInfoProto, TypeProto).
 */
export type Orientation = 'in,out' | 'out,in';
/** The model bytes for one orientation: inputs `x`, `w`, output `y`. */
export declare function productModel(orientation: Orientation): Uint8Array;
