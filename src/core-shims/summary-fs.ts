import { access, appendFile, constants, writeFile } from 'node:fs'

// Not `import { promisify } from 'node:util'`: the bundle's import of a builtin lists all its
// properties, and listing node:util's loads some twenty modules behind them (about 2 ms).
const { promisify } = process.getBuiltinModule('node:util')

/**
 * What the bundle gives @actions/core's job summary in place of node:fs. The summary reads
 * `fs.promises` as it loads, and the first read of `fs.promises` loads node:fs/promises (and
 * readline with it): about 2 ms of every step, for three functions. These are the same functions,
 * made from node:fs's callback forms.
 */
export { constants }

export const promises = {
  access: promisify(access),
  appendFile: promisify(appendFile),
  writeFile: promisify(writeFile),
}
