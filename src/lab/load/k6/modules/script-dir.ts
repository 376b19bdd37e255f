/** The global symbol (Symbol.for) under which a k6 bundle records its script's folder, for open(). */
export const SCRIPT_DIR_SYMBOL = 'mib.k6.scriptDir'
