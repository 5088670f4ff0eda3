// npm test (after pretest compiled src + test into target/test-js): every test file with Node's test runner,
// spec output on the terminal, TAP in target/test-results.tap, and one closing summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testDir = path.join(root, 'target/test-js/test');
const files = readdirSync(testDir)
  .filter((f) => f.endsWith('.test.js'))
  .sort()
  .map((f) => path.join(testDir, f));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`SKIPPED: browser test (${chromium} not found; apt-get install -y chromium)`);
}
const tap = path.join(root, 'target/test-results.tap');
const run = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { cwd: root, stdio: 'inherit' },
);
const count = (name) => Number((readFileSync(tap, 'utf8').match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
if (existsSync(tap)) {
  console.log(`sdk: ${count('pass')} passed, ${count('fail') + count('cancelled')} failed, ${count('skipped')} skipped`);
}
process.exit(run.status ?? 1);
