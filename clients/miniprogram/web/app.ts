// The demo page: the SDK's core on the browser platform. Served by the service at `/`.
import { browserPlatform, type BrowserFile } from '../src/browser';
import {
  ApiError,
  createClient,
  devLogin,
  staticToken,
  type Album,
  type DirectUploadClient,
  type Family,
  type LoginStrategy,
  type Photo,
  type UploadProgress,
  type UploadResult,
} from '../src/index';

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing`);
  return element as T;
};

const params = new URLSearchParams(location.search);
const PAGE_SIZE = Math.min(100, Math.max(1, Number(params.get('pageSize')) || 30));
const SESSION_KEY = 'direct-upload.session';

interface Session {
  kind: 'dev' | 'token';
  user?: string;
  token: string;
}

let client: DirectUploadClient<BrowserFile> | undefined;
let session: Session | undefined;
let families: Family[] = [];
let albums: Album[] = [];
let nextCursor: string | null = null;
let loadingPage = false;
let gridGeneration = 0;
let running: AbortController | undefined;

function showMessage(text: string | undefined): void {
  const box = $('message');
  box.hidden = !text;
  box.textContent = text ?? '';
}

function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

async function guarded(action: () => Promise<void>): Promise<void> {
  showMessage(undefined);
  try {
    await action();
  } catch (error) {
    showMessage(describeError(error));
  }
}

function makeClient(login: LoginStrategy, token?: string): DirectUploadClient<BrowserFile> {
  return createClient({ baseUrl: location.origin, platform: browserPlatform(), login, token });
}

async function signIn(next: Session | { kind: 'dev'; user: string }): Promise<void> {
  const login = next.kind === 'dev' ? devLogin(next.user as string) : staticToken((next as Session).token);
  const candidate = makeClient(login, 'token' in next ? next.token : undefined);
  await candidate.listFamilies(); // proves the token (logs in first for dev login)
  client = candidate;
  session = { kind: next.kind, user: next.user, token: candidate.currentToken as string };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  $('signed-out').hidden = true;
  $('signed-in').hidden = false;
  $('whoami').textContent = session.kind === 'dev' ? `Signed in as ${session.user} (development login)` : 'Signed in with a token';
  $('where').hidden = false;
  await loadFamilies();
}

function signOut(): void {
  running?.abort();
  client = undefined;
  session = undefined;
  sessionStorage.removeItem(SESSION_KEY);
  $('signed-out').hidden = false;
  $('signed-in').hidden = true;
  for (const id of ['where', 'upload', 'album']) $(id).hidden = true;
}

function fillSelect(select: HTMLSelectElement, items: Array<{ id: string; name: string }>, selected?: string): void {
  select.replaceChildren(
    ...items.map((item) => {
      const option = document.createElement('option');
      option.value = item.id;
      option.textContent = item.name;
      option.selected = item.id === selected;
      return option;
    }),
  );
}

async function loadFamilies(select?: string): Promise<void> {
  if (!client) return;
  families = await client.listFamilies();
  const familySelect = $<HTMLSelectElement>('family-select');
  fillSelect(familySelect, families, select ?? familySelect.value);
  await loadAlbums();
}

async function loadAlbums(select?: string): Promise<void> {
  const familyId = $<HTMLSelectElement>('family-select').value;
  const albumSelect = $<HTMLSelectElement>('album-select');
  albums = client && familyId ? await client.listAlbums(familyId) : [];
  fillSelect(albumSelect, albums, select ?? albumSelect.value);
  const hasAlbum = Boolean(albumSelect.value);
  $('upload').hidden = !hasAlbum;
  $('album').hidden = !hasAlbum;
  await resetGrid();
}

async function resetGrid(): Promise<void> {
  gridGeneration++;
  nextCursor = null;
  $('grid').replaceChildren();
  const album = albums.find((a) => a.id === $<HTMLSelectElement>('album-select').value);
  $('album-title').textContent = album ? `Album · ${album.name}` : 'Album';
  if (album) await loadPage(true);
}

async function loadPage(first = false): Promise<void> {
  const albumId = $<HTMLSelectElement>('album-select').value;
  if (!client || !albumId || loadingPage || (!first && !nextCursor)) return;
  loadingPage = true;
  const generation = gridGeneration;
  const status = $('grid-status');
  status.textContent = 'Loading…';
  try {
    const page = await client.listPhotos(albumId, { limit: PAGE_SIZE, cursor: first ? null : nextCursor });
    if (generation !== gridGeneration) return;
    nextCursor = page.nextCursor;
    $('grid').append(...page.items.map(tile));
    const shown = $('grid').children.length;
    status.textContent = shown === 0 ? 'No photos yet.' : `${shown} shown${nextCursor ? ' · scroll for more' : ''}`;
  } finally {
    loadingPage = false;
  }
  // A short page may leave the sentinel visible: keep loading until it scrolls away or the album ends.
  if (nextCursor && generation === gridGeneration && sentinelVisible()) await loadPage();
}

function sentinelVisible(): boolean {
  const rect = $('sentinel').getBoundingClientRect();
  return rect.top < window.innerHeight + 200;
}

function tile(photo: Photo): HTMLElement {
  const figure = document.createElement('figure');
  figure.dataset.photoId = photo.id;
  if (photo.type === 'video') {
    const video = document.createElement('video');
    video.src = photo.url;
    video.controls = true;
    video.preload = 'metadata';
    figure.append(video);
  } else {
    const img = document.createElement('img');
    img.src = photo.url;
    img.alt = photo.fileName;
    img.loading = 'lazy';
    figure.append(img);
  }
  const caption = document.createElement('figcaption');
  caption.textContent = photo.fileName;
  figure.append(caption);
  return figure;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const STATUS_TEXT: Record<string, string> = {
  waiting: 'waiting',
  hashing: 'hashing',
  preparing: 'checking',
  queued: 'queued',
  uploading: 'uploading',
  completing: 'saving',
  uploaded: 'uploaded',
  instant: 'instant (秒传)',
  failed: 'failed',
  cancelled: 'cancelled',
};

async function upload(files: File[]): Promise<void> {
  const familyId = $<HTMLSelectElement>('family-select').value;
  const albumId = $<HTMLSelectElement>('album-select').value;
  if (!client || !familyId || !albumId || files.length === 0) return;
  const list = $('upload-list');
  const rows = files.map((file, index) => {
    const row = document.createElement('li');
    row.dataset.index = String(index);
    row.dataset.status = 'waiting';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = `${file.name} · ${formatBytes(file.size)}`;
    const bar = document.createElement('progress');
    bar.max = Math.max(1, file.size);
    bar.value = 0;
    const state = document.createElement('span');
    state.className = 'state';
    state.textContent = 'waiting';
    row.append(name, bar, state);
    return { row, bar, state };
  });
  list.replaceChildren(...rows.map((r) => r.row));
  $('total').hidden = false;
  $('summary').textContent = '';
  delete $('summary').dataset.done;
  const totalBar = $<HTMLProgressElement>('total-progress');
  const totalText = $('total-text');
  const cancel = $<HTMLButtonElement>('cancel');
  const input = $<HTMLInputElement>('files');
  running = new AbortController();
  cancel.hidden = false;
  input.disabled = true;
  const onProgress = (p: UploadProgress): void => {
    const r = rows[p.file.index];
    if (r) {
      r.bar.value = p.file.loaded;
      r.row.dataset.status = p.file.status;
      r.state.textContent = STATUS_TEXT[p.file.status] ?? p.file.status;
    }
    totalBar.max = Math.max(1, p.totalBytes);
    totalBar.value = p.loadedBytes;
    totalText.textContent = `${formatBytes(p.loadedBytes)} / ${formatBytes(p.totalBytes)} · ${p.doneFiles}/${p.totalFiles} files`;
  };
  let results: UploadResult[];
  try {
    results = await client.uploadFiles({ familyId, albumId, files, onProgress, signal: running.signal });
  } finally {
    cancel.hidden = true;
    input.disabled = false;
    input.value = '';
    running = undefined;
  }
  for (const result of results) {
    const r = rows[result.index];
    if (!r) continue;
    r.row.dataset.status = result.status;
    r.state.textContent = STATUS_TEXT[result.status] ?? result.status;
    if (result.status === 'failed') r.state.title = `${result.code}: ${result.message}`;
    if (result.status === 'failed') r.state.textContent = `failed: ${result.code}`;
  }
  const count = (status: UploadResult['status']): number => results.filter((r) => r.status === status).length;
  const parts = [`${count('uploaded')} uploaded`, `${count('instant')} instant`];
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('cancelled')) parts.push(`${count('cancelled')} cancelled`);
  $('summary').textContent = parts.join(', ');
  $('summary').dataset.done = 'true';
  await resetGrid();
}

function wire(): void {
  $('dev-login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void guarded(() => signIn({ kind: 'dev', user: $<HTMLInputElement>('user').value.trim() }));
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void guarded(() => signIn({ kind: 'token', token: $<HTMLInputElement>('token').value.trim() }));
  });
  $('sign-out').addEventListener('click', signOut);
  $('family-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void guarded(async () => {
      if (!client) return;
      const family = await client.createFamily($<HTMLInputElement>('family-name').value.trim());
      $<HTMLInputElement>('family-name').value = '';
      await loadFamilies(family.id);
    });
  });
  $('album-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void guarded(async () => {
      const familyId = $<HTMLSelectElement>('family-select').value;
      if (!client || !familyId) {
        showMessage('Create or choose a family first.');
        return;
      }
      const album = await client.createAlbum(familyId, $<HTMLInputElement>('album-name').value.trim());
      $<HTMLInputElement>('album-name').value = '';
      await loadAlbums(album.id);
    });
  });
  $('family-select').addEventListener('change', () => void guarded(() => loadAlbums()));
  $('album-select').addEventListener('change', () => void guarded(resetGrid));
  $('files').addEventListener('change', () => {
    const files = Array.from($<HTMLInputElement>('files').files ?? []);
    void guarded(() => upload(files));
  });
  $('cancel').addEventListener('click', () => running?.abort());
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) void guarded(() => loadPage());
  }, { rootMargin: '200px' }).observe($('sentinel'));

  const saved = sessionStorage.getItem(SESSION_KEY);
  if (saved) {
    try {
      const previous = JSON.parse(saved) as Session;
      // A dev session logs in again by itself on 401; a pasted token is used as long as it is accepted.
      void guarded(() => signIn(previous));
    } catch {
      sessionStorage.removeItem(SESSION_KEY);
    }
  }
}

wire();
