// Reads the files of a zip archive (stored or deflated entries), for result uploads: ET's own upload client
// sends a zip of result files. No ZIP64, no encryption: such archives are refused with a reason.
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  override name = 'ZipError';
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** True when the bytes start like a zip archive ("PK\x03\x04", or an empty archive's "PK\x05\x06"). */
export const looksLikeZip = (data: Buffer): boolean =>
  data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5);

/** The end-of-central-directory record: the last 22 bytes, or earlier when the archive has a comment. */
function findEndOfDirectory(data: Buffer): number {
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === END_OF_DIRECTORY) return i;
  }
  throw new ZipError('The zip archive is damaged: it has no central directory.');
}

/**
 * The archive's files (folders left out), in directory order. `maxBytes` bounds what inflating may
 * produce in all, so a small archive cannot unpack into gigabytes.
 */
export function readZip(data: Buffer, maxBytes: number): ZipEntry[] {
  const end = findEndOfDirectory(data);
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError('ZIP64 archives are not supported: zip the result files without ZIP64.');
  const entries: ZipEntry[] = [];
  let budget = maxBytes;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new ZipError('The zip archive is damaged: its directory is cut short.');
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const packed = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const skip = nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new ZipError(`'${name}' in the zip archive is encrypted.`);
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL_HEADER) throw new ZipError(`The zip archive is damaged at '${name}'.`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    if (start + packed > data.length) throw new ZipError(`The zip archive is cut short in '${name}'.`);
    if (size > budget) throw new ZipError(`The zip archive unpacks to more than ${maxBytes} bytes.`);
    const raw = data.subarray(start, start + packed);
    let content: Buffer;
    if (method === 0) content = Buffer.from(raw);
    else if (method === 8) {
      try {
        content = inflateRawSync(raw, { maxOutputLength: Math.max(1, budget) });
      } catch {
        throw new ZipError(`'${name}' in the zip archive cannot be unpacked (damaged, or larger than ${maxBytes} bytes).`);
      }
    } else throw new ZipError(`'${name}' in the zip archive uses compression method ${method}; only stored and deflated files are supported.`);
    budget -= content.length;
    entries.push({ name, data: content });
  }
  return entries;
}
