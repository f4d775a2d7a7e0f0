import { randomBytes } from 'node:crypto';
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface OutputFile {
  /** The absolute path the file ends at. */
  readonly path: string;
  readonly data: string | Uint8Array;
}

/** Writing `path` failed; nothing of this run was left at any of the outputs' paths. */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'OutputError';
  }
}

/** A message in a user's words for the errors a full or read-only disk gives. */
export function outputReason(error: unknown): { code: string | undefined; reason: string } {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EDQUOT'
        ? 'the disk quota is used up'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ENOENT'
            ? 'the folder does not exist'
            : code === 'EISDIR'
              ? 'it is a folder'
              : code === 'EROFS'
                ? 'the disk is read-only'
                : code === 'EPIPE'
                  ? 'the reader closed the pipe'
                  : error instanceof Error
                    ? error.message.split('\n')[0]!
                    : String(error);
  return { code, reason };
}

/**
 * Writes every file or none (issue 11): each one first goes to a temporary file in its own
 * folder (so the rename stays on one file system and is atomic), and only when all of them are
 * written whole are they renamed into place. On any failure the temporary files are removed and
 * the files already at those paths stay as they were.
 *
 * A path that is not a regular file (`/dev/stdout`, `/dev/full`, a FIFO) cannot be renamed
 * over, and must not be: it is written directly, after every temporary file is written and
 * before any rename, so its failure still leaves no file of this run behind. A symbolic link is
 * followed, so the file it points at is replaced, not the link.
 */
export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const staged: { temp: string; path: string }[] = [];
  const direct: OutputFile[] = [];
  const removeStaged = () => {
    for (const { temp } of staged) rmSync(temp, { force: true });
  };
  for (const wanted of files) {
    const existing = statSync(wanted.path, { throwIfNoEntry: false });
    if (existing && !existing.isFile()) {
      direct.push(wanted);
      continue;
    }
    const file = existing ? { ...wanted, path: realpathSync(wanted.path) } : wanted;
    const temp = join(
      dirname(file.path),
      `.${basename(file.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      // 'wx': never follow or overwrite something already at the temporary name
      writeFileSync(temp, file.data, { flag: 'wx' });
      staged.push({ temp, path: file.path });
    } catch (e) {
      rmSync(temp, { force: true });
      removeStaged();
      const { code, reason } = outputReason(e);
      throw new OutputError(file.path, code, reason);
    }
  }
  for (const file of direct) {
    try {
      writeFileSync(file.path, file.data);
    } catch (e) {
      removeStaged();
      const { code, reason } = outputReason(e);
      throw new OutputError(file.path, code, reason);
    }
  }
  for (let i = 0; i < staged.length; i++) {
    const { temp, path } = staged[i]!;
    try {
      renameSync(temp, path);
    } catch (e) {
      // a rename fails only for a path that is a folder or on a disk going away; the files not
      // yet renamed are removed so that no temporary file is left behind
      for (const rest of staged.slice(i)) rmSync(rest.temp, { force: true });
      const { code, reason } = outputReason(e);
      throw new OutputError(path, code, reason);
    }
  }
}
