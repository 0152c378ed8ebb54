export declare const PROJECT_ROOT: string;
export declare const MISSING_ELECTRON_MESSAGE: string;
export declare function findElectronBinary(root?: string): string | null;
export declare const BUILD_OUTPUTS: readonly string[];
export declare function isBuilt(root?: string): boolean;
