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
function varint(n) {
    const out = [];
    for (let v = n;; v = Math.floor(v / 128)) {
        if (v < 128) {
            out.push(v);
            return out;
        }
        out.push((v % 128) | 128);
    }
}
const tag = (field, wire) => varint(field * 8 + wire);
const int = (field, n) => [...tag(field, 0), ...varint(n)];
const message = (field, body) => [...tag(field, 2), ...varint(body.length), ...body];
const text = (field, s) => message(field, [...new TextEncoder().encode(s)]);
/** A tensor input or output (float unless said) of symbolic shape `dims` (ValueInfoProto). */
function valueInfo(name, dims, elementType = FLOAT) {
    const shape = dims.flatMap((d) => message(1, text(2, d))); // TensorShapeProto.dim { dim_param }
    return [...text(1, name), ...message(2, message(1, [...int(1, elementType), ...message(2, shape)]))];
}
/** The model bytes for one orientation, with or without a bias: inputs `x`, `w` [, `b`], outputs `skip`, `y`. */
export function productModel(orientation, withBias = false) {
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
