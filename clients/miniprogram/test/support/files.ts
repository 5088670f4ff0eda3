import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { png } from './images';

export interface TestFile {
  path: string;
  name: string;
  size: number;
  md5: string;
}

/** Writes a PNG (see images.ts) named `name` into `dir`. */
export function writePng(dir: string, name: string, seed: number, width = 64, height = 48, noise = 0): TestFile {
  const bytes = png(width, height, seed, noise);
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return { path: file, name, size: bytes.length, md5: createHash('md5').update(bytes).digest('hex') };
}

/** The same bytes under another name (what a user picking the same photo twice, or a re-saved copy, gives). */
export function copyAs(dir: string, original: TestFile, name: string): TestFile {
  const file = path.join(dir, name);
  copyFileSync(original.path, file);
  return { ...original, path: file, name };
}

export function md5Of(bytes: Buffer | Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

export function md5OfFile(file: string): string {
  return md5Of(readFileSync(file));
}
