import { mkdir as mkdirCb, mkdtemp as mkdtempCb, rm as rmCb } from 'node:fs'

// Not `import { promisify } from 'node:util'`: the bundle's import of a builtin lists all its
// properties, and listing node:util's loads some twenty modules behind them (about 2 ms).
const { promisify } = process.getBuiltinModule('node:util')

/**
 * The few promise-returning file functions we use, made from node:fs's callback forms. Not
 * node:fs/promises: loading it (with readline, which it pulls in) costs about 2 ms of every step.
 */
export const mkdir = promisify(mkdirCb)
export const mkdtemp = promisify(mkdtempCb)
export const rm = promisify(rmCb)
