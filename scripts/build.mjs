// Bundles each entry into dist/<name>/index.js with esbuild: ESM with code splitting, so what a
// run may not need (Octokit, each alert channel, undici for proxies…) sits in lazy chunks under
// dist/<name>/chunks/ and is loaded only by the `await import()` that needs it. Deterministic: the
// same src/ and lockfile give byte-identical files (check-dist relies on it).
//
// Why esbuild and not @vercel/ncc: see CONTRIBUTING.md, "Bundling".
import { build } from 'esbuild'
import { builtinModules } from 'node:module'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { licensesText } from './licenses.mjs'

/** The one list of what the runner runs: action.yml's `main` and `post`, and the file each is built from. */
export const ENTRIES = {
  main: 'src/entry/main.ts',
  post: 'src/entry/post.ts',
}

const OUT = 'dist'
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
 * @actions/core's OIDC client (getIDToken) pulls in @actions/http-client and a copy of undici. We
 * never call it, and the module only defines a class, so telling esbuild it has no side effects
 * lets the unused import fall out of the bundle.
 * @type {import('esbuild').Plugin}
 */
const dropUnusedOidcClient = {
  name: 'drop-unused-oidc-client',
  setup(b) {
    b.onResolve({ filter: /oidc-utils\.js$/ }, async (args) => {
      if (args.pluginData?.again || !args.importer.includes('@actions/core')) return undefined
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { again: true } })
      return { ...r, sideEffects: false }
    })
  },
}

/**
 * Our code says `import * as core from '@actions/core'` (the path @github/local-action swaps) and
 * passes `core` around as an object, which keeps every export, getIDToken included. Resolved
 * through this module instead, the namespace holds every export but getIDToken, so the OIDC client
 * is unused and dropped (see dropUnusedOidcClient).
 * @type {import('esbuild').Plugin}
 */
const coreWithoutOidc = {
  name: 'core-without-oidc',
  setup(b) {
    b.onResolve({ filter: /^@actions\/core$/ }, (args) =>
      args.namespace === 'file' && !args.importer.includes('node_modules') ? { path: 'core', namespace: 'core-without-oidc' } : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'core-without-oidc' }, async () => {
      const names = Object.keys(await import('@actions/core')).filter((n) => n !== 'getIDToken' && n !== 'default')
      return { contents: `export { ${names.sort().join(', ')} } from '@actions/core'`, resolveDir: process.cwd(), loader: 'js' }
    })
  },
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
    plugins: [builtinsViaRequire, coreWithoutOidc, dropUnusedOidcClient],
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
