// Files davscope writes hold captured traffic (redacted or not, a calendar is personal): readable by
// their owner only. A file being truncated is made so too: its old mode was chosen for old content.
import { closeSync, fchmodSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Opens PATH for writing ('w' truncates, 'wx' must create), mode 0600 whether new or not. */
export async function openPrivate(path: string, flags: 'w' | 'wx' = 'w'): Promise<FileHandle> {
  const fh = await open(path, flags, PRIVATE_FILE_MODE);
  try {
    await fh.chmod(PRIVATE_FILE_MODE);
  } catch (err) {
    await fh.close().catch(() => {});
    throw err;
  }
  return fh;
}

/** writeFileSync with mode 0600, whether the file is new or truncated. */
export function writePrivateFileSync(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w', PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/** mkdir -p where every directory created is 0700; existing ones are left as their owner set them. */
export function makePrivateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}
