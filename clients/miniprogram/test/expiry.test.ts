import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient, devLogin, wxPlatform } from '../src/index';
import { writePng } from './support/files';
import { freePort } from './support/net';
import { FaultProxy } from './support/proxy';
import { startService, type Service } from './support/service';
import { createWxShim } from './support/wx-shim';

// A service whose upload forms live 3 seconds, so that a form really expires at the store while its upload is
// held back by the proxy.
let service: Service;
let proxy: FaultProxy;
let dir: string;
let baseUrl: string;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdk-expiry-'));
  proxy = new FaultProxy();
  baseUrl = `http://127.0.0.1:${await proxy.listen(await freePort())}`;
  service = await startService({ 'local-storage.public-url': baseUrl, 'upload.policy-ttl': '3s' });
  proxy.target = service.url;
});

after(async () => {
  await proxy?.close();
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const isUpload = (r: { method: string; path: string }): boolean => r.method === 'POST' && r.path.startsWith('/local-oss/');
const isPrepare = (r: { method: string; path: string }): boolean => r.method === 'POST' && r.path === '/uploads';

describe('a form the store refuses as expired', () => {
  it('is prepared again once, then uploaded; a second refusal fails that file alone with upload_expired', async () => {
    const sdk = createClient({
      baseUrl,
      platform: wxPlatform(createWxShim()),
      login: devLogin('olga'),
      retry: { baseDelayMs: 50 },
    });
    const family = await sdk.createFamily('Expiry family');
    const album = await sdk.createAlbum(family.id, 'Expiry');
    const once = writePng(dir, 'late-once.png', 1);
    const always = writePng(dir, 'late-always.png', 2);
    const onTime = writePng(dir, 'on-time.png', 3);
    const held = new Map<string, number>();
    proxy.rules = [
      (r) => {
        if (!isUpload(r) || !r.key) return undefined;
        const md5 = [once, always].find((f) => r.key!.includes(f.md5))?.md5;
        if (!md5) return undefined;
        const n = held.get(md5) ?? 0;
        if (md5 === once.md5 && n >= 1) return undefined;
        held.set(md5, n + 1);
        return { kind: 'forward', delayMs: 4000 }; // past the form's 3 s
      },
    ];
    let results;
    try {
      results = await sdk.uploadFiles({ familyId: family.id, albumId: album.id, files: [once.path, always.path, onTime.path] });
    } finally {
      proxy.rules = [];
    }
    assert.equal(results[0]!.status, 'uploaded', JSON.stringify(results[0]));
    assert.equal(results[1]!.status, 'failed');
    assert.equal(results[1]!.status === 'failed' && results[1]!.code, 'upload_expired');
    assert.equal(results[2]!.status, 'uploaded');

    const uploads = proxy.records.filter(isUpload);
    const attemptsOf = (md5: string): Array<number | undefined> => uploads.filter((u) => u.key?.includes(md5)).map((u) => u.status);
    assert.deepEqual(attemptsOf(once.md5), [403, 200], 'refused as expired by the store, then stored with a new form');
    assert.deepEqual(attemptsOf(always.md5), [403, 403]);
    assert.deepEqual(attemptsOf(onTime.md5), [200]);
    // The first prepare, then one re-prepare per refusal (the two refusals may share one call).
    const prepares = proxy.records.filter(isPrepare).length;
    assert.ok(prepares >= 2 && prepares <= 3, `prepares: ${prepares}`);

    const page = await sdk.listPhotos(album.id);
    assert.deepEqual(new Set(page.items.map((p) => p.md5)), new Set([once.md5, onTime.md5]));
  });
});
