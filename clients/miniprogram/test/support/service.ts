import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './net';
import { jarPath } from './paths';

export interface Service {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  log(): string;
}

/**
 * Starts the real service jar on the embedded defaults (local store, H2) in a temporary directory, on a free
 * port, and waits for /health. `properties` become -D options (e.g. local-storage.public-url).
 */
export async function startService(properties: Record<string, string> = {}, port?: number): Promise<Service> {
  const jar = jarPath();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'direct-upload-sdk-test-'));
  const chosen = port ?? (await freePort());
  const logFile = path.join(dir, 'service.log');
  const fd = openSync(logFile, 'a');
  const args = [
    '-Xms128m',
    '-Xmx512m',
    '-XX:TieredStopAtLevel=1',
    `-Dmicronaut.server.port=${chosen}`,
    '-Dmicronaut.server.host=127.0.0.1',
    ...Object.entries(properties).map(([k, v]) => `-D${k}=${v}`),
    '-jar',
    jar,
  ];
  const child: ChildProcess = spawn('java', args, { cwd: dir, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  const url = `http://127.0.0.1:${chosen}`;
  const log = (): string => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async (): Promise<void> => {
    if (exited === null) {
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) {
      const text = log();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`service exited with ${exited} before answering /health:\n${text.slice(-4000)}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      const text = log();
      await stop();
      throw new Error(`service did not answer /health within 180 s:\n${text.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port: chosen, dataDir: dir, stop, log };
}
