// Reads the files of a zip archive (stored or deflated entries), for result uploads: ET's own upload client
// sends a zip of result files. No ZIP64, no encryption: such archives are refused with a reason, and so are
// zip bombs (too much in all, or a file unpacking to far more than its packed size) and entry names that
// leave the archive. Inflating runs off the event loop (zlib's thread pool), so other requests go on.
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { fileNameProblem } from '../http/file-names.ts';
import { sizeText } from '../http/limits.ts';

const inflate = promisify(inflateRaw);

export interface ZipLimits {
  /** What all files together may unpack to. */
  maxBytes: number;
  /** How many times its packed size one file may unpack to (default: no bound). */
  maxRatio?: number;
}

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
 * The archive's files (folders left out), in directory order. The limits bound what inflating may produce,
 * in all and per packed byte, so a small archive cannot unpack into gigabytes.
 */
export async function readZip(data: Buffer, limits: number | ZipLimits): Promise<ZipEntry[]> {
  const { maxBytes, maxRatio = Infinity } = typeof limits === 'number' ? { maxBytes: limits } : limits;
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
    const badName = fileNameProblem(name.replace(/\/$/, ''), { folders: true });
    if (badName) throw new ZipError(`${badName.replace(/\.$/, '')} (in the zip archive).`);
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new ZipError(`'${name}' in the zip archive is encrypted.`);
    if (local + 30 > data.length || data.readUInt32LE(local) !== LOCAL_HEADER) throw new ZipError(`The zip archive is damaged at '${name}'.`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    if (start + packed > data.length) throw new ZipError(`The zip archive is cut short in '${name}'.`);
    if (size > budget) throw new ZipError(`The zip archive unpacks to more than ${sizeText(maxBytes)}, the most an upload may unpack to.`);
    const ratioBound = packed * maxRatio;
    if (method === 8 && size > ratioBound) throw new ZipError(tooPackedMessage(name, maxRatio));
    const raw = data.subarray(start, start + packed);
    let content: Buffer;
    if (method === 0) content = Buffer.from(raw);
    else if (method === 8) {
      // The directory's sizes may lie: inflating stops at whichever bound comes first.
      const bound = Math.max(1, Math.min(budget, ratioBound));
      try {
        content = await inflate(raw, { maxOutputLength: bound });
      } catch {
        throw new ZipError(bound < budget ? tooPackedMessage(name, maxRatio, true) : `'${name}' in the zip archive is damaged, or the archive unpacks to more than ${sizeText(maxBytes)}, the most an upload may unpack to.`);
      }
    } else throw new ZipError(`'${name}' in the zip archive uses compression method ${method}; only stored and deflated files are supported.`);
    budget -= content.length;
    entries.push({ name, data: content });
  }
  return entries;
}

/** A file unpacking to far more than it packs to, as a zip bomb's do (ordinary result files pack 5 to 50 times). */
const tooPackedMessage = (name: string, ratio: number, orDamaged = false) =>
  `'${name}' in the zip archive ${orDamaged ? 'is damaged, or it ' : ''}unpacks to more than ${ratio} times its packed size, as a zip bomb does: zip the result files as they are.`;
