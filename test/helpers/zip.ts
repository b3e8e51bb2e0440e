// Writes small zip archives for upload tests (stored or deflated entries, real CRCs), byte for byte
// what zip tools produce for such files, so the fake's reader is tested against the format, not itself.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  /** The file's text; or give `deflated` bytes instead (a zip bomb made once, reused). */
  text?: string;
  /** Deflate the entry (default) or store it as it is. */
  deflate?: boolean;
  /** Bytes already deflated, with the unpacked size to claim (`size`); the CRC is left 0. */
  deflated?: Buffer;
  size?: number;
}

export function zipOf(files: ZipInput[], comment = ''): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const data = Buffer.from(file.text ?? '', 'utf8');
    const deflate = file.deflated !== undefined || (file.deflate ?? true);
    const packed = file.deflated ?? (deflate ? deflateRawSync(data) : data);
    const crc = file.deflated ? 0 : crc32(data);
    const size = file.size ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(directory);
  const note = Buffer.from(comment, 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(note.length, 20);
  return Buffer.concat([...locals, dir, end, note]);
}
