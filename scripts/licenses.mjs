// licenses.txt for a bundle: every npm package with code in any of its output files (lazy chunks
// included), with its license name and text, sorted so the file is the same on every build.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** `node_modules/a/node_modules/@s/b/lib/x.js` → `node_modules/a/node_modules/@s/b`. */
export function packageDir(input) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, '/'))
  return m?.[1]
}

function licenseFileText(dir) {
  const file = readdirSync(dir)
    .filter((f) => /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i.test(f))
    .sort()[0]
  return file ? readFileSync(join(dir, file), 'utf8').trim() : undefined
}

/** @param {import('esbuild').Metafile} metafile */
export function licensesText(metafile) {
  const dirs = new Set()
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const dir = bytesInOutput > 0 ? packageDir(input) : undefined
      if (dir) dirs.add(dir)
    }
  }
  const entries = new Map()
  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'UNKNOWN')
    const text = licenseFileText(dir)
    if (!text) throw new Error(`${pkg.name}@${pkg.version} has no license file: licenses.txt would be incomplete`)
    entries.set(`${pkg.name}@${pkg.version}`, `${pkg.name}@${pkg.version}\n${license}\n${text}\n`)
  }
  return [...entries.keys()]
    .sort()
    .map((k) => entries.get(k))
    .join('\n')
}
