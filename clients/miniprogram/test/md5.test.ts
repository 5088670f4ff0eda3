import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, openAsBlob } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { browserPlatform } from '../src/browser';
import { MD5_CHUNK_BYTES } from '../src/md5';
import { wxPlatform } from '../src/wx';
import { random } from './support/images';
import { createWxShim } from './support/wx-shim';

const MiB = 1024 * 1024;
const sizes = [0, 1, 1000, MD5_CHUNK_BYTES - 1, MD5_CHUNK_BYTES, MD5_CHUNK_BYTES + 1, 9 * MiB + 7];

describe('md5 without loading a whole file', () => {
  let dir: string;
  const files: Array<{ path: string; size: number; md5: string }> = [];

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sdk-md5-'));
    for (const size of sizes) {
      const next = random(size + 1);
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = Math.floor(next() * 256);
      const file = path.join(dir, `f${size}.bin`);
      writeFileSync(file, bytes);
      files.push({ path: file, size, md5: createHash('md5').update(bytes).digest('hex') });
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('wx, old base library: readFile chunks of at most 4 MiB give the right MD5', async () => {
    const shim = createWxShim({ nativeDigest: false });
    const platform = wxPlatform(shim);
    for (const file of files) {
      assert.equal(await platform.md5(file.path, file.size), file.md5, `size ${file.size}`);
    }
    assert.ok(shim.stats.readFileCalls > 0);
    assert.equal(shim.stats.maxReadLength, MD5_CHUNK_BYTES, 'no read larger than one chunk');
    assert.equal(shim.stats.readFileBytes, sizes.reduce((a, b) => a + b, 0), 'every byte read once');
  });

  it('wx, recent base library: getFileInfo({digestAlgorithm: "md5"}) is used and nothing is read', async () => {
    const shim = createWxShim({ nativeDigest: true });
    const platform = wxPlatform(shim);
    for (const file of files) assert.equal(await platform.md5(file.path, file.size), file.md5);
    assert.equal(shim.stats.readFileCalls, 0);
    assert.equal(shim.stats.digestCalls, files.length);
  });

  it('wx: nativeDigest false forces the chunked path even where the base library has digests', async () => {
    const shim = createWxShim({ nativeDigest: true });
    const platform = wxPlatform(shim, { nativeDigest: false });
    const file = files[files.length - 1]!;
    assert.equal(await platform.md5(file.path, file.size), file.md5);
    assert.equal(shim.stats.digestCalls, 0);
    assert.equal(shim.stats.readFileCalls, 3);
  });

  it('browser: Blob.slice chunks give the right MD5 (a file-backed Blob, as a File is)', async () => {
    const platform = browserPlatform();
    for (const file of files) {
      const blob = await openAsBlob(file.path);
      assert.equal(await platform.md5({ blob, name: 'x.bin' }, blob.size), file.md5, `size ${file.size}`);
    }
  });

  it('a cancelled signal stops hashing', async () => {
    const platform = wxPlatform(createWxShim({ nativeDigest: false }));
    const controller = new AbortController();
    controller.abort();
    const file = files[files.length - 1]!;
    await assert.rejects(platform.md5(file.path, file.size, controller.signal), { name: 'CancelledError' });
  });
});
