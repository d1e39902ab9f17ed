/**
 * The build's second step (`npm run build`, after `tsc`): bundles what the command line runs,
 * so starting it compiles a few large files instead of hundreds of small modules.
 *
 * Why: `recompute` on a large file starts its two worker threads first and then loads its own
 * modules while they boot, all on the same cores, so module loading in the main thread and in
 * the threads is on the critical path. Measured on a 2-core machine shared with other work
 * (CPU seconds, user + system, medians of 15 runs; `node -e 0` is 0.055 s):
 *   - importing the recompute command: 0.37 s from the compiled modules, 0.13 s bundled (with
 *     the packages left out of the bundle, about 0.20 s: arquero costs 0.08 s, zod 0.03 s);
 *   - two pool threads started on the engine worker, each then loading the scan worker:
 *     0.32 s compiled, 0.19 s bundled; the engine worker alone, 0.149 s and 0.147 s (no gain to
 *     speak of, but bundled too, so that every file a thread loads by URL is one file);
 *   - `recompute --query` over a 5M-event Arrow file (medians of 9): the command's `run` starts
 *     0.99 s into the process compiled, 0.31 s bundled; the process takes 1.41 s of CPU compiled,
 *     1.14 s bundled;
 *   - minifying changed neither figure beyond the noise (0.137 vs 0.144 s, 0.187 vs 0.187 s), so
 *     the bundles are left readable (names and lines as written) and carry no source maps.
 *
 * What it writes, beside the compiled modules (which the library's exports keep using):
 *   - dist/bin/usage-aggregator.js, the package's `bin`: the CLI entry, with each command and
 *     each module loaded on demand (the thread start-up, the early scan) split into chunks of
 *     its own in the same folder, loaded when asked for as before; shared code lives in shared
 *     chunks, so a module's state (the pool started early, the early scan) exists once.
 *   - dist/io/scan/worker.js, dist/engine/parallel/worker.js, dist/engine/store/worker.js,
 *     replaced by self-contained bundles of themselves: threads load them by URL (a pool's file
 *     and its per-task files), the library's threads and the CLI's alike.
 * The packages are inlined except piscina (its worker host and the worker module must share its
 * private symbols, and it finds its own worker file next to itself) and the optional
 * @clickhouse/client (loaded only when installed).
 *
 * Sibling files named from `import.meta.url` (the worker files, `../../package.json`) must
 * resolve as in the compiled layout: each source module's `import.meta.url` is rewritten to the
 * URL of its own compiled file in dist/ (computed from the bundle file's URL, so the package can
 * be installed anywhere); its relative URLs then name the same files as the compiled module's
 * would. Every output of one build sits in one folder, so that URL is the same whichever chunk
 * the module lands in. Dynamic imports name their modules literally, so the bundler follows them.
 *
 * zod's namespace export drags in every locale's messages (357 KB of the 1.9 MB the recompute
 * command loads, 0.007 s of its import); zod installs English itself, and nothing here picks
 * another locale, so the bundle's zod has English alone.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { realpathSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// The real path: the bundler names files by theirs.
const ROOT = realpathSync(fileURLToPath(new URL('..', import.meta.url)));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const CLI_OUT = join(DIST, 'bin');
const WORKERS = ['io/scan/worker', 'engine/parallel/worker', 'engine/store/worker'];

/** Gives each source module's `import.meta.url` the URL of its own compiled file in dist/. */
function moduleUrls(outDir: string): Plugin {
  return {
    name: 'module-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(SRC)) return undefined;
        const text = await readFile(args.path, 'utf8');
        // A specifier computed at run time would resolve against the chunk's URL, not the module's.
        const computed = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').match(/(?<!typeof\s*)\bimport\(\s*(?!['"])[^)]*\)/);
        if (computed) return { errors: [{ text: `${computed[0]} is not a literal specifier the bundle can follow` }] };
        const compiled = join(DIST, relative(SRC, args.path)).replace(/\.ts$/, '.js');
        const url = `new URL(${JSON.stringify(relative(outDir, compiled).split('\\').join('/'))}, import.meta.url).href`;
        return { contents: text.replace(/\bimport\.meta\.url\b/g, url), loader: 'ts' };
      });
    },
  };
}

/** zod's locale index with English alone (the locale zod installs by default). */
const englishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // A package's ESM build where it names one (flechette's `main` is CommonJS, which the bundler
  // cannot trim: the scan worker is 296 KB with its ESM build, 373 KB without).
  mainFields: ['module', 'main'],
  external: ['piscina', '@clickhouse/client'],
  legalComments: 'eof',
  logLevel: 'warning',
};

await rm(CLI_OUT, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { 'usage-aggregator': join(SRC, 'cli/main.ts') },
  outdir: CLI_OUT,
  splitting: true,
  chunkNames: '[name]-[hash]',
  plugins: [moduleUrls(CLI_OUT), englishOnly],
});
for (const worker of WORKERS) {
  const outfile = join(DIST, `${worker}.js`);
  // The compiled file's source map no longer describes it.
  await rm(`${outfile}.map`, { force: true });
  await build({
    ...common,
    entryPoints: [join(SRC, `${worker}.ts`)],
    outfile,
    plugins: [moduleUrls(dirname(outfile)), englishOnly],
  });
}
