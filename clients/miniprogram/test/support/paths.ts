import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** clients/miniprogram, found from the compiled test's location (target/test-js/test/support). */
export function packageRoot(): string {
  const ours = (dir: string): boolean => {
    const manifest = path.join(dir, 'package.json');
    return existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@direct-upload/miniprogram-sdk';
  };
  let dir = __dirname;
  while (!ours(dir)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** The service jar: $DIRECT_UPLOAD_JAR, else ../../bootstrap/target/direct-upload.jar. */
export function jarPath(): string {
  const jar = process.env.DIRECT_UPLOAD_JAR ?? path.resolve(packageRoot(), '../../bootstrap/target/direct-upload.jar');
  if (!existsSync(jar)) {
    throw new Error(`service jar not found at ${jar}: build it first (./mvnw -B -ntp -DskipTests package at the repository root) or set DIRECT_UPLOAD_JAR`);
  }
  return jar;
}

/** Where tests leave files worth looking at (screenshots): clients/miniprogram/target. */
export function targetDir(): string {
  return path.join(packageRoot(), 'target');
}
