// The command-line program as a few files instead of the ~440 modules a build loads one by one.
// `tsc` writes dist/ first (and checks the types); this replaces dist/cli/main.js, the bin, with a
// bundle of the sources, the build workers' script beside it (dist/cli/pool-worker.js: pool.ts
// looks for it next to itself), and the benchmark's two processes, so that they measure the same.
// Loading the modules was about 200 ms of a rebuild after one sentence changed (see BENCHMARKS.md).
import {readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'dist', 'cli')

// Chunks of an earlier bundle go first: their names change with their content.
for (const name of await readdir(out).catch(() => [])) if (/^chunk-[\w-]+\.js$/.test(name)) await rm(join(out, name))

const BANNER = "import {createRequire as __tandemCreateRequire} from 'node:module';\nconst require = __tandemCreateRequire(import.meta.url);"

await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'src/cli/main.ts',
    'pool-worker': 'src/builder/pool-worker.ts',
    'bench-child': 'src/bench/child.ts',
    'bench-floor': 'src/bench/floor.ts'
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Note: the syntax tsc emits (tsconfig's ES2022); esbuild's node20 would turn every regular expression with \p{…} into a `new RegExp` compiled at each use.
  target: 'es2022',
  outdir: out,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  allowOverwrite: true,
  // Note: the cloud SDKs load from node_modules on a provider's first request, as the module tree would load them.
  external: ['@aws-sdk/*', '@anthropic-ai/sdk'],
  // Note: CommonJS packages (commander) inside an ES module bundle ask for `require`.
  banner: {js: BANNER},
  logLevel: 'warning'
})

// Only the files that name `require` keep the banner: making one costs every file that loads about 20 µs.
for (const name of await readdir(out)) {
  if (!name.endsWith('.js')) continue
  const path = join(out, name)
  const text = await readFile(path, 'utf8')
  if (text.startsWith(BANNER) && !/\brequire\b/.test(text.slice(BANNER.length))) await writeFile(path, text.slice(BANNER.length).replace(/^\n/, ''))
}
