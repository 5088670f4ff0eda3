import SparkMD5 from 'spark-md5';
import { throwIfCancelled, type CancelSignal } from './cancel';

/** Bytes read and hashed at a time: one chunk is all that is held in memory. */
export const MD5_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Incremental MD5 over a file read in chunks of {@link MD5_CHUNK_BYTES}: `read(position, length)` returns
 * exactly those bytes.
 */
export async function md5OfChunks(
  size: number,
  read: (position: number, length: number) => Promise<ArrayBuffer>,
  signal?: CancelSignal,
  chunkBytes: number = MD5_CHUNK_BYTES,
): Promise<string> {
  const spark = new SparkMD5.ArrayBuffer();
  for (let position = 0; position < size; position += chunkBytes) {
    throwIfCancelled(signal);
    const length = Math.min(chunkBytes, size - position);
    const chunk = await read(position, length);
    if (chunk.byteLength !== length) {
      throw new Error(`read ${chunk.byteLength} bytes at ${position}, expected ${length}`);
    }
    spark.append(chunk);
  }
  throwIfCancelled(signal);
  return spark.end();
}

export function isMd5Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-fA-F]{32}$/.test(value);
}
