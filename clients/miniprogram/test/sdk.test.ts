import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiError, createClient, staticToken, wxPlatform, type DirectUploadClient, type Photo, type UploadProgress, type UploadResult, type WxFile } from '../src/index';
import { APP_ID, APP_SECRET, startFakeWechat } from './support/fake-wechat';
import { copyAs, md5Of, writePng, type TestFile } from './support/files';
import { freePort } from './support/net';
import { FaultProxy, times, type ProxyRecord } from './support/proxy';
import { startService, type Service } from './support/service';
import { createWxShim } from './support/wx-shim';

const COMPLETE = /^\/uploads\/[^/]+\/complete$/;
const isUpload = (r: { method: string; path: string }): boolean => r.method === 'POST' && r.path.startsWith('/local-oss/');
const isPrepare = (r: { method: string; path: string }): boolean => r.method === 'POST' && r.path === '/uploads';
const isComplete = (r: { method: string; path: string }): boolean => r.method === 'POST' && COMPLETE.test(r.path);

let service: Service;
let proxy: FaultProxy;
let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
let dir: string;
let baseUrl: string;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdk-e2e-files-'));
  wechat = await startFakeWechat();
  proxy = new FaultProxy();
  const proxyPort = await proxy.listen(await freePort());
  baseUrl = `http://127.0.0.1:${proxyPort}`;
  service = await startService({
    // Upload forms point at the proxy too, so that faults can be injected on the way to the store.
    'local-storage.public-url': baseUrl,
    'wechat.app-id': APP_ID,
    'wechat.app-secret': APP_SECRET,
    'wechat.api-base-url': wechat.url,
  });
  proxy.target = service.url;
});

after(async () => {
  await proxy?.close();
  await service?.stop();
  await wechat?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function client(user: string): { sdk: DirectUploadClient<WxFile>; shim: ReturnType<typeof createWxShim> } {
  const shim = createWxShim({ nativeDigest: false, loginCode: () => `good-${user}` });
  const sdk = createClient({
    baseUrl,
    platform: wxPlatform(shim),
    retry: { baseDelayMs: 50, maxDelayMs: 400 },
  });
  return { sdk, shim };
}

async function listAll(sdk: DirectUploadClient<WxFile>, albumId: string): Promise<Photo[]> {
  const photos: Photo[] = [];
  let cursor: string | null = null;
  do {
    const page = await sdk.listPhotos(albumId, { limit: 7, cursor });
    photos.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return photos;
}

/** Records every progress event and checks, as they come, that totals and per-file bytes never go back. */
function progressRecorder(): { events: UploadProgress[]; onProgress(p: UploadProgress): void; problems: string[] } {
  const events: UploadProgress[] = [];
  const problems: string[] = [];
  const perFile = new Map<number, number>();
  return {
    events,
    problems,
    onProgress(p) {
      const last = events[events.length - 1];
      if (last && p.loadedBytes < last.loadedBytes) problems.push(`total went back from ${last.loadedBytes} to ${p.loadedBytes}`);
      if (last && p.doneFiles < last.doneFiles) problems.push('doneFiles went back');
      const before = perFile.get(p.file.index) ?? 0;
      if (p.file.loaded < before) problems.push(`file ${p.file.index} went back from ${before} to ${p.file.loaded}`);
      perFile.set(p.file.index, p.file.loaded);
      if (p.loadedBytes > p.totalBytes) problems.push(`loaded ${p.loadedBytes} beyond total ${p.totalBytes}`);
      events.push({ ...p, file: { ...p.file } });
    },
  };
}

function since(mark: number, filter: (r: ProxyRecord) => boolean): ProxyRecord[] {
  return proxy.records.filter((r) => r.seq > mark && filter(r));
}

function mark(): number {
  return proxy.records.length ? (proxy.records[proxy.records.length - 1] as ProxyRecord).seq : 0;
}

function counts(results: UploadResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[r.status] = (out[r.status] ?? 0) + 1;
  return out;
}

async function fetchMd5(url: string): Promise<string> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return md5Of(Buffer.from(await response.arrayBuffer()));
}

describe('uploadFiles on the real service (wx platform through a wx shim)', () => {
  it('20 files, 5 repeated in the selection, 2 already in the family: 13 uploaded, 7 instant, 20 results', async () => {
    const { sdk } = client('alice');
    const family = await sdk.createFamily('Wang family');
    const earlier = await sdk.createAlbum(family.id, 'Earlier');
    const album = await sdk.createAlbum(family.id, '2026 春节');

    const known = [writePng(dir, 'known-0.png', 9001, 80, 60, 0.3), writePng(dir, 'known-1.png', 9002, 80, 60, 0.3)];
    const first = await sdk.uploadFiles({ familyId: family.id, albumId: earlier.id, files: known.map((f) => f.path) });
    assert.deepEqual(first.map((r) => r.status), ['uploaded', 'uploaded']);

    const fresh: TestFile[] = [];
    for (let i = 0; i < 13; i++) fresh.push(writePng(dir, `new-${i}.png`, 100 + i, 60 + i * 8, 50, i % 3 === 0 ? 0.8 : 0.1));
    // Selection order, with what each one is expected to be.
    const plan: Array<{ file: TestFile; expect: 'uploaded' | 'instant'; duplicateOf?: number }> = [];
    const add = (file: TestFile, expect: 'uploaded' | 'instant', duplicateOf?: number): number =>
      plan.push({ file, expect, duplicateOf }) - 1;
    const at: number[] = [];
    at[0] = add(fresh[0]!, 'uploaded');
    at[1] = add(fresh[1]!, 'uploaded');
    add(copyAs(dir, known[0]!, 'known-0-again.png'), 'instant');
    at[2] = add(fresh[2]!, 'uploaded');
    add(copyAs(dir, fresh[0]!, 'new-0-copy.png'), 'instant', at[0]);
    at[3] = add(fresh[3]!, 'uploaded');
    at[4] = add(fresh[4]!, 'uploaded');
    add(copyAs(dir, fresh[3]!, 'new-3-copy.png'), 'instant', at[3]);
    for (let i = 5; i < 10; i++) at[i] = add(fresh[i]!, 'uploaded');
    add(copyAs(dir, fresh[3]!, 'new-3-copy-2.png'), 'instant', at[3]);
    add(copyAs(dir, known[1]!, 'known-1-again.png'), 'instant');
    at[10] = add(fresh[10]!, 'uploaded');
    add(copyAs(dir, fresh[9]!, 'new-9-copy.png'), 'instant', at[9]);
    at[11] = add(fresh[11]!, 'uploaded');
    at[12] = add(fresh[12]!, 'uploaded');
    add(copyAs(dir, fresh[12]!, 'new-12-copy.png'), 'instant', at[12]);
    assert.equal(plan.length, 20);

    const progress = progressRecorder();
    const from = mark();
    const results = await sdk.uploadFiles({
      familyId: family.id,
      albumId: album.id,
      files: plan.map((p) => p.file.path),
      onProgress: progress.onProgress,
    });

    assert.equal(results.length, 20);
    assert.deepEqual(counts(results), { uploaded: 13, instant: 7 });
    results.forEach((result, i) => {
      const expected = plan[i]!;
      assert.equal(result.index, i);
      assert.equal(result.status, expected.expect, `file ${i} (${expected.file.name})`);
      if (result.status === 'instant' || result.status === 'uploaded') {
        assert.equal(result.photo.md5, expected.file.md5);
        assert.equal(result.photo.size, expected.file.size);
        assert.equal(result.photo.albumId, album.id);
      }
      if (result.status === 'instant') assert.equal(result.duplicateOf, expected.duplicateOf);
    });

    // Instant and repeated files never went to the store; one prepare for the whole selection.
    const uploads = since(from, isUpload);
    assert.equal(uploads.length, 13);
    assert.equal(new Set(uploads.map((u) => u.key)).size, 13);
    assert.equal(since(from, isPrepare).length, 1);
    assert.equal(since(from, isComplete).length, 13);

    // The album: one photo per distinct content (13 new + 2 known), each the one the results name.
    const listed = await listAll(sdk, album.id);
    assert.equal(listed.length, 15);
    assert.equal(new Set(listed.map((p) => p.md5)).size, 15);
    const resultIds = new Set(results.map((r) => (r.status === 'uploaded' || r.status === 'instant' ? r.photo.id : '')));
    assert.deepEqual(new Set(listed.map((p) => p.id)), resultIds);
    for (const photo of listed.slice(0, 4)) assert.equal(await fetchMd5(photo.url), photo.md5);

    // Progress: monotonic, ending at the total of all selected bytes.
    assert.deepEqual(progress.problems, []);
    const total = plan.reduce((sum, p) => sum + p.file.size, 0);
    const last = progress.events[progress.events.length - 1]!;
    assert.equal(last.totalBytes, total);
    assert.equal(last.loadedBytes, total);
    assert.equal(last.doneFiles, 20);
    assert.ok(progress.events.some((e) => e.file.status === 'uploading' && e.file.loaded > 0 && e.file.loaded < e.file.size),
      'some event shows a file part-way through its upload');
  });

  it('faults: 3 uploads dropped mid-body, a 503 from complete, a 429 with Retry-After → all 20 recorded once', async () => {
    const { sdk } = client('carol');
    const family = await sdk.createFamily('Li family');
    const album = await sdk.createAlbum(family.id, 'Faults');
    const files: TestFile[] = [];
    for (let i = 0; i < 20; i++) files.push(writePng(dir, `fault-${i}.png`, 500 + i, 120, 100, 0.6));

    const dropped = new Map<string, number>();
    proxy.rules = [
      times(1, isPrepare, () => ({
        kind: 'respond',
        status: 429,
        headers: { 'retry-after': '1' },
        body: JSON.stringify({ code: 'rate_limited', message: 'injected', request_id: 'test' }),
      })),
      (r) => {
        if (!isUpload(r) || !r.key || dropped.has(r.key) || dropped.size >= 3) return undefined;
        dropped.set(r.key, r.seq);
        return { kind: 'drop', afterBytes: Math.floor(r.contentLength / 2) };
      },
      // The service records the photo, then the answer is lost behind a 503: the retry must not record it twice.
      times(1, isComplete, () => ({
        kind: 'replace',
        status: 503,
        body: JSON.stringify({ code: 'storage_credentials_unavailable', message: 'injected', request_id: 'test' }),
      })),
    ];
    const progress = progressRecorder();
    const from = mark();
    let results: UploadResult[];
    try {
      results = await sdk.uploadFiles({
        familyId: family.id,
        albumId: album.id,
        files: files.map((f) => f.path),
        onProgress: progress.onProgress,
      });
    } finally {
      proxy.rules = [];
    }

    assert.deepEqual(counts(results), { uploaded: 20 }, JSON.stringify(results.filter((r) => r.status !== 'uploaded')));

    const prepares = since(from, isPrepare);
    assert.equal(prepares.length, 2);
    assert.equal(prepares[0]!.status, 429);
    assert.ok(prepares[1]!.startedAt - prepares[0]!.endedAt! >= 1000, `Retry-After honoured (${prepares[1]!.startedAt - prepares[0]!.endedAt!} ms)`);

    const uploads = since(from, isUpload);
    assert.equal(dropped.size, 3);
    assert.equal(uploads.length, 23);
    for (const [key] of dropped) {
      const attempts = uploads.filter((u) => u.key === key);
      assert.deepEqual(attempts.map((a) => a.action), ['drop', 'forward'], key);
      assert.equal(attempts[1]!.status, 200);
    }
    const completes = since(from, isComplete);
    assert.equal(completes.length, 21);
    assert.equal(completes[0]!.status, 503);
    assert.equal(completes[0]!.upstreamStatus, 200, 'the first complete did record before its answer was replaced');
    assert.equal(completes.filter((c) => c.path === completes[0]!.path).length, 2);

    const listed = await listAll(sdk, album.id);
    assert.equal(listed.length, 20, 'each file recorded once');
    assert.deepEqual(new Set(listed.map((p) => p.md5)), new Set(files.map((f) => f.md5)));
    const ids = results.map((r) => (r.status === 'uploaded' ? r.photo.id : ''));
    assert.equal(new Set(ids).size, 20);
    assert.deepEqual(new Set(listed.map((p) => p.id)), new Set(ids));
    for (const key of dropped.keys()) {
      const photo = listed.find((p) => key.includes(p.md5))!;
      assert.equal(await fetchMd5(photo.url), photo.md5, 'the retried upload stored the whole file');
    }

    assert.deepEqual(progress.problems, [], 'progress never went back, also across the restarted uploads');
    const last = progress.events[progress.events.length - 1]!;
    assert.equal(last.loadedBytes, files.reduce((s, f) => s + f.size, 0));
    assert.equal(last.loadedBytes, last.totalBytes);
  });

  it('cancel mid-batch: what finished is listed, the rest is reported cancelled, nothing half-made', async () => {
    const { sdk, shim } = client('dave');
    const family = await sdk.createFamily('Zhao family');
    const album = await sdk.createAlbum(family.id, 'Cancelled');
    const files: TestFile[] = [];
    for (let i = 0; i < 20; i++) files.push(writePng(dir, `cancel-${i}.png`, 700 + i, 150, 120, 0.9));
    proxy.rules = [(r) => (isUpload(r) ? { kind: 'forward', delayMs: 300 } : undefined)];
    const controller = new AbortController();
    let abortedAt = 0;
    const from = mark();
    let results: UploadResult[];
    try {
      results = await sdk.uploadFiles({
        familyId: family.id,
        albumId: album.id,
        files: files.map((f) => f.path),
        concurrency: 3,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.doneFiles >= 4 && !controller.signal.aborted) {
            abortedAt = Date.now();
            controller.abort();
          }
        },
      });
    } finally {
      proxy.rules = [];
    }
    const returnedAt = Date.now();
    const c = counts(results);
    assert.ok((c.uploaded ?? 0) >= 4, JSON.stringify(c));
    assert.ok((c.cancelled ?? 0) >= 10, JSON.stringify(c));
    assert.equal((c.uploaded ?? 0) + (c.cancelled ?? 0), 20, JSON.stringify(c));
    assert.ok(returnedAt - abortedAt < 3000, 'cancel takes effect promptly');

    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(shim.stats.calls.filter((c) => c.at > returnedAt), [], 'no request after uploadFiles returned');
    assert.deepEqual(shim.stats.calls.filter((c) => c.kind === 'uploadFile' && c.at > abortedAt), [], 'no upload started after the cancel');

    const uploaded = results.filter((r): r is Extract<UploadResult, { status: 'uploaded' }> => r.status === 'uploaded');
    const listed = await listAll(sdk, album.id);
    assert.deepEqual(new Set(listed.map((p) => p.id)), new Set(uploaded.map((r) => r.photo.id)));
    assert.equal(since(from, isComplete).length, uploaded.length, 'a complete only for what is reported uploaded');
    for (const photo of listed) assert.equal(await fetchMd5(photo.url), photo.md5);
  });

  it('batches of at most batchSize per prepare; a file repeated across batches is resolved without a second upload', async () => {
    const { sdk } = client('erin');
    const family = await sdk.createFamily('Batch family');
    const album = await sdk.createAlbum(family.id, 'Batches');
    const f = Array.from({ length: 7 }, (_, i) => writePng(dir, `batch-${i}.png`, 300 + i));
    // batch 1: f0 f1 f2 f0' (a repeat inside the prepare: the service answers duplicate)
    // batch 2: f3 f4 f5 f6; then f1'' and f4' repeat files of earlier prepares: never sent again
    const selection = [f[0]!, f[1]!, f[2]!, copyAs(dir, f[0]!, 'b0.png'), f[3]!, f[4]!, f[5]!, f[6]!, copyAs(dir, f[1]!, 'b1.png'), copyAs(dir, f[4]!, 'b4.png')];
    const from = mark();
    const results = await sdk.uploadFiles({ familyId: family.id, albumId: album.id, files: selection.map((s) => s.path), batchSize: 4 });
    assert.deepEqual(results.map((r) => r.status), ['uploaded', 'uploaded', 'uploaded', 'instant', 'uploaded', 'uploaded', 'uploaded', 'uploaded', 'instant', 'instant']);
    assert.deepEqual(results.map((r) => (r.status === 'instant' ? r.duplicateOf : undefined)), [undefined, undefined, undefined, 0, undefined, undefined, undefined, undefined, 1, 5]);
    assert.equal(since(from, isPrepare).length, 2);
    assert.equal(since(from, isUpload).length, 7);
    assert.equal((await listAll(sdk, album.id)).length, 7);
  });

  it('a file the service refuses fails alone with the service code; the others go on', async () => {
    const { sdk } = client('erin');
    const family = await sdk.createFamily('Mixed family');
    const album = await sdk.createAlbum(family.id, 'Mixed');
    const good = writePng(dir, 'good.png', 4242);
    const bad = { path: path.join(dir, 'notes.txt'), name: 'notes.txt' };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad.path, 'not a photo');
    const results = await sdk.uploadFiles({ familyId: family.id, albumId: album.id, files: [bad.path, good.path] });
    assert.equal(results[0]!.status, 'failed');
    assert.equal(results[0]!.status === 'failed' && results[0]!.code, 'type_not_allowed');
    assert.equal(results[1]!.status, 'uploaded');
  });

  it('storage answering 409 FileAlreadyExists (another member stored the bytes) → complete, photo recorded', async () => {
    const { sdk } = client('frank');
    const family = await sdk.createFamily('Exists family');
    const album = await sdk.createAlbum(family.id, 'Exists');
    const file = writePng(dir, 'exists.png', 31337, 90, 70, 0.5);
    proxy.rules = [
      // The bytes are stored (the request reaches the store), then the answer is OSS's forbid-overwrite refusal.
      times(1, isUpload, () => ({
        kind: 'replace',
        status: 409,
        headers: { 'content-type': 'application/xml' },
        body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>FileAlreadyExists</Code>\n  <Message>The object you specified already exists and can not be overwritten.</Message>\n</Error>\n',
      })),
    ];
    const from = mark();
    let results: UploadResult[];
    try {
      results = await sdk.uploadFiles({ familyId: family.id, albumId: album.id, files: [file.path] });
    } finally {
      proxy.rules = [];
    }
    assert.equal(results[0]!.status, 'uploaded');
    const uploads = since(from, isUpload);
    assert.deepEqual(uploads.map((u) => u.status), [409], 'no second upload');
    assert.equal(since(from, isComplete).length, 1);
    assert.equal((await listAll(sdk, album.id)).length, 1);
  });

  it('two members upload the same new file at the same moment: one photo, both told so', async () => {
    const alice = client('gina').sdk;
    const bob = client('hugo').sdk;
    const family = await alice.createFamily('Shared family');
    const album = await alice.createAlbum(family.id, 'Shared');
    const invite = await alice.call<{ code: string }>('POST', `/families/${family.id}/invites`, {});
    await bob.call('POST', `/invites/${encodeURIComponent(invite.code)}/accept`, {});
    const file = writePng(dir, 'shared.png', 8080, 200, 150, 0.7);
    const twin = copyAs(dir, file, 'shared-on-bob.png');
    // Uploads wait 400 ms at the proxy, so both prepares are answered (each with a form for the same new content)
    // before either upload reaches the store.
    proxy.rules = [(r) => (isUpload(r) ? { kind: 'forward', delayMs: 400 } : undefined)];
    const from = mark();
    let results: UploadResult[][];
    try {
      results = await Promise.all([
        alice.uploadFiles({ familyId: family.id, albumId: album.id, files: [file.path] }),
        bob.uploadFiles({ familyId: family.id, albumId: album.id, files: [twin.path] }),
      ]);
    } finally {
      proxy.rules = [];
    }
    const all = results.flat();
    for (const r of all) assert.ok(r.status === 'uploaded' || r.status === 'instant', JSON.stringify(r));
    const ids = new Set(all.map((r) => (r.status === 'uploaded' || r.status === 'instant' ? r.photo.id : '')));
    assert.equal(ids.size, 1, 'everyone got the same photo');
    assert.equal((await listAll(alice, album.id)).length, 1);
    const storeAnswers = since(from, isUpload).map((u) => u.status);
    assert.equal(storeAnswers.length, 2, `both uploaded: ${storeAnswers}`);
    console.log(`# same file from two members: the store answered ${storeAnswers.join(' and ')}`);
    for (const s of storeAnswers) assert.ok(s === 200 || s === 409, `store answered ${s}`);
  });
});

describe('login', () => {
  it('wx.login → /auth/wechat/login; a rejected token gets exactly one re-login, then the call succeeds', async () => {
    const { sdk } = client('ivy');
    const calls = wechat.calls.length;
    await sdk.listFamilies();
    assert.equal(wechat.calls.length, calls + 1);
    const good = sdk.currentToken;
    sdk.setToken('not-a-token');
    const from = mark();
    const families = await sdk.listFamilies();
    assert.ok(Array.isArray(families));
    const seen = since(from, () => true).map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.deepEqual(seen, ['GET /families 401', 'POST /auth/wechat/login 200', 'GET /families 200']);
    assert.notEqual(sdk.currentToken, 'not-a-token');
    assert.ok(good);
  });

  it('a token that stays refused fails with unauthorized after one re-login, no loop', async () => {
    const sdk = createClient({ baseUrl, platform: wxPlatform(createWxShim()), login: staticToken('still-bad') });
    const from = mark();
    await assert.rejects(sdk.listFamilies(), (e: unknown) => e instanceof ApiError && e.status === 401 && e.code === 'unauthorized');
    assert.equal(since(from, (r) => r.path === '/families').length, 2);
  });

  it('a network error during the WeChat login is retried with a fresh wx.login code, never the used one', async () => {
    let codes = 0;
    const shim = createWxShim({ loginCode: () => `good-jack-${++codes}` });
    const sdk = createClient({ baseUrl, platform: wxPlatform(shim), retry: { baseDelayMs: 20 } });
    proxy.rules = [times(1, (r) => r.path === '/auth/wechat/login', () => ({ kind: 'drop', afterBytes: 0 }))];
    const from = mark();
    try {
      await sdk.listFamilies();
    } finally {
      proxy.rules = [];
    }
    assert.equal(codes, 2);
    assert.deepEqual(since(from, (r) => r.path === '/auth/wechat/login').map((r) => r.action), ['drop', 'forward']);
    assert.equal(wechat.calls[wechat.calls.length - 1], 'good-jack-2');
  });

  it('a login WeChat refuses surfaces as wechat_login_failed', async () => {
    const shim = createWxShim({ loginCode: () => 'revoked-code' });
    const sdk = createClient({ baseUrl, platform: wxPlatform(shim) });
    await assert.rejects(sdk.listFamilies(), (e: unknown) => e instanceof ApiError && e.code === 'wechat_login_failed');
  });
});
