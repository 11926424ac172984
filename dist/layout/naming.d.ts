export declare function layerNamer(source: string): (index: number) => string;
