// Bundles each entry into dist/<name>/index.js with esbuild: ESM with code splitting, so what a
// run may not need (Octokit, each alert channel, undici for proxies…) sits in lazy chunks under
// dist/<name>/chunks/ and is loaded only by the `await import()` that needs it. Deterministic: the
// same src/ and lockfile give byte-identical files (check-dist relies on it).
//
// Why esbuild and not @vercel/ncc: see CONTRIBUTING.md, "Bundling".
import { build } from 'esbuild'
import { builtinModules } from 'node:module'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve as resolvePath, sep } from 'node:path'
import { licensesText } from './licenses.mjs'

/** The one list of what the runner runs: action.yml's `main` and `post`, and the file each is built from. */
export const ENTRIES = {
  main: 'src/entry/main.ts',
  post: 'src/entry/post.ts',
}

// BUILD_OUT: another directory, for the test that two builds are byte-identical.
const OUT = process.env.BUILD_OUT ?? 'dist'
const BUILTINS = new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])))

// Node 24 loads a builtin through `require` much cheaper than through an ESM `import` (measured:
// about 20 ms and 13 MB less for a run), so every builtin becomes a CommonJS require in the bundle.
// The banner gives the ESM files a `require`.
const BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"

/** @type {import('esbuild').Plugin} */
const builtinsViaRequire = {
  name: 'builtins-via-require',
  setup(b) {
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!BUILTINS.has(args.path)) return undefined
      if (args.kind === 'require-call') return { path: args.path, external: true }
      return { path: args.path, namespace: 'builtin' }
    })
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)})`, loader: 'js' }))
  },
}

/**
 * Parts of @actions/core we never call, whose modules only define things: the OIDC client
 * (getIDToken) pulls in @actions/http-client and a copy of undici, and `platform` pulls in
 * @actions/exec, @actions/io and node:assert and node:child_process with them. Telling esbuild these
 * modules have no side effects lets the unused imports fall out of the bundle.
 * @type {import('esbuild').Plugin}
 */
const dropUnusedCoreParts = {
  name: 'drop-unused-core-parts',
  setup(b) {
    b.onResolve({ filter: /(oidc-utils|platform)\.js$/ }, async (args) => {
      if (args.pluginData?.again || !args.importer.includes('@actions/core')) return undefined
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { again: true } })
      return { ...r, sideEffects: false }
    })
  },
}

/** What of @actions/core's namespace we never use: kept out of it, so dropUnusedCoreParts can drop their modules. */
const UNUSED_CORE_EXPORTS = new Set(['default', 'getIDToken', 'platform'])

/**
 * Our code says `import * as core from '@actions/core'` (the path @github/local-action swaps) and
 * passes `core` around as an object, which keeps every export. Resolved through this module instead,
 * the namespace holds every export but UNUSED_CORE_EXPORTS.
 * @type {import('esbuild').Plugin}
 */
const coreWithoutUnused = {
  name: 'core-without-unused',
  setup(b) {
    b.onResolve({ filter: /^@actions\/core$/ }, (args) =>
      args.namespace === 'file' && !args.importer.includes('node_modules') ? { path: 'core', namespace: 'core-without-unused' } : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'core-without-unused' }, async () => {
      const names = Object.keys(await import('@actions/core')).filter((n) => !UNUSED_CORE_EXPORTS.has(n))
      return { contents: `export { ${names.sort().join(', ')} } from '@actions/core'`, resolveDir: process.cwd(), loader: 'js' }
    })
  },
}

/**
 * Builtins @actions/core loads for one small use each, given in their place (see each file):
 * its file commands ask node:crypto only for randomUUID, and its job summary takes three functions
 * of fs.promises, whose first read loads node:fs/promises. About 5 ms of every step between them.
 */
const CORE_SHIMS = [
  { importer: 'file-command.js', builtin: /^(node:)?crypto$/, shim: 'src/core-shims/random-uuid.ts' },
  { importer: 'summary.js', builtin: /^(node:)?fs$/, shim: 'src/core-shims/summary-fs.ts' },
]

/** @type {import('esbuild').Plugin} */
const coreShims = {
  name: 'core-shims',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(crypto|fs)$/ }, (args) => {
      if (!/@actions[\\/]core[\\/]lib[\\/]/.test(args.importer)) return undefined
      const s = CORE_SHIMS.find((x) => args.importer.endsWith(x.importer) && x.builtin.test(args.path))
      return s ? { path: join(process.cwd(), s.shim) } : undefined
    })
  },
}

/**
 * esbuild puts code that the entry shares with a lazy chunk into a shared chunk, one chunk per set
 * of importers: with twenty lazy chunks, the code every run needs came out in a dozen small files,
 * and Node pays about 0.3 ms for each ES module it loads. Each of our lazy modules (a dynamic-import
 * target in src/) is made to import the entry too. Then everything the entry loads is shared by the
 * same set of importers and lands in one chunk: a run loads index.js and that chunk. The added
 * import costs nothing at run time: a lazy chunk is loaded only by the entry's own code, after the
 * entry has run, and a module already evaluated is not evaluated again.
 * @param {string} entry
 * @returns {import('esbuild').Plugin}
 */
function eagerCodeInOneChunk(entry) {
  const entryPath = resolvePath(entry)
  const lazy = lazyModules('src')
  return {
    name: 'eager-code-in-one-chunk',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!lazy.has(args.path)) return undefined
        // Relative, so the build does not depend on where the checkout is (check-dist on a fresh clone).
        const fromHere = `./${relative(dirname(args.path), entryPath).split(sep).join('/')}`
        return { contents: `${readFileSync(args.path, 'utf8')}\nimport ${JSON.stringify(fromHere)}\n`, loader: 'ts' }
      })
    },
  }
}

/**
 * Every module of ours that some module of ours imports with `await import('./x.js')`, found by
 * reading src/ before the build: the same set whatever order esbuild loads modules in, so the
 * build stays deterministic (check-dist relies on it).
 * @param {string} root
 * @returns {Set<string>} absolute paths of the .ts files
 */
function lazyModules(root) {
  const found = new Set()
  for (const rel of readdirSync(root, { recursive: true })) {
    const file = resolvePath(root, String(rel))
    if (!file.endsWith('.ts')) continue
    for (const m of readFileSync(file, 'utf8').matchAll(/(?<!typeof )\bimport\(\s*'(\.{1,2}\/[^']+)\.js'\s*\)/g)) {
      found.add(resolvePath(dirname(file), `${m[1]}.ts`))
    }
  }
  return found
}

async function bundle(name, entry) {
  const outdir = join(OUT, name)
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    entryPoints: { index: entry },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: BANNER },
    plugins: [eagerCodeInOneChunk(entry), coreShims, builtinsViaRequire, coreWithoutUnused, dropUnusedCoreParts],
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  })
  mkdirSync(outdir, { recursive: true })
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n')
  writeFileSync(join(outdir, 'licenses.txt'), licensesText(result.metafile))
  return result.metafile
}

for (const [name, entry] of Object.entries(ENTRIES)) await bundle(name, entry)
