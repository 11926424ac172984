/** The package version, read once from package.json (one level above both src/ and dist/). */
export declare const VERSION: string;
