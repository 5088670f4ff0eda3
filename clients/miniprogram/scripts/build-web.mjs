// Bundles the demo page (web/app.ts + the SDK core, spark-md5) with esbuild and copies its static files.
// Usage: node scripts/build-web.mjs [outDir]   (default dist/web, which the Maven module packs as public/)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(root, process.argv[2] ?? 'dist/web');
rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, 'assets'), { recursive: true });
await build({
  entryPoints: [path.join(root, 'web/app.ts')],
  bundle: true,
  format: 'iife',
  target: ['es2018'],
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  outfile: path.join(out, 'assets/app.js'),
  logLevel: 'warning',
});
copyFileSync(path.join(root, 'web/index.html'), path.join(out, 'index.html'));
copyFileSync(path.join(root, 'web/app.css'), path.join(out, 'assets/app.css'));
console.log(`web page built into ${path.relative(process.cwd(), out) || '.'}`);
