export declare const STDOUT_FAILED_EXIT: 2;
export declare function guardStdio(): void;
