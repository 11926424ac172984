/** Throws BAD_OPTION naming the first option that is unknown or of the wrong kind. */
export declare function checkConvertOptions(options: unknown): void;
