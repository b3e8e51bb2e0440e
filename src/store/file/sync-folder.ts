// fsync of a folder: what makes a file's creation, rename or removal durable (the file's own fsync does not).

import { open } from 'node:fs/promises';
import path from 'node:path';

/** Makes a rename or unlink in the file's folder durable. */
export async function syncFolder(file: string): Promise<void> {
  const folder = await open(path.dirname(path.resolve(file)), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
