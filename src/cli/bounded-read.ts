import { closeSync, openSync, readSync } from 'node:fs';

/** The file holds more than the limit; nothing past `limit + 1` bytes was read. */
export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
    this.name = 'FileTooLargeError';
  }
}

const CHUNK = 64 * 1024;

/**
 * Reads a whole file of at most `limit` bytes, and stops reading as soon as it holds more:
 * `/dev/zero`, a FIFO or a 100 GB file costs at most `limit + 1` bytes of memory and ends at
 * once (issue 11). The size is not trusted from `stat`, which devices and pipes do not report.
 * Errors of the file system (ENOENT, EISDIR, EACCES) are thrown as they come.
 */
export function readBounded(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(limit + 1);
    let length = 0;
    while (length <= limit) {
      const read = readSync(fd, buffer, length, Math.min(CHUNK, limit + 1 - length), null);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
    }
    throw new FileTooLargeError(limit);
  } finally {
    closeSync(fd);
  }
}
