// Splits a multipart body (form-data or mixed, as ET's upload clients send) into its parts.

export interface Part {
  name?: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing delimiter
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    else if (body[start] === 0x0a) start += 1;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    let end = next;
    if (body[end - 1] === 0x0a) end--;
    if (body[end - 1] === 0x0d) end--;
    const raw = body.subarray(start, end);
    let headerEnd = raw.indexOf('\r\n\r\n');
    let sep = 4;
    if (headerEnd < 0) {
      headerEnd = raw.indexOf('\n\n');
      sep = 2;
    }
    const part: Part = { data: headerEnd < 0 ? raw : raw.subarray(headerEnd + sep) };
    const headers = headerEnd < 0 ? '' : raw.subarray(0, headerEnd).toString('utf8');
    for (const line of headers.split(/\r?\n/)) {
      const [key, ...rest] = line.split(':');
      const value = rest.join(':').trim();
      if (/^content-disposition$/i.test(key ?? '')) {
        part.name = /\bname="([^"]*)"/i.exec(value)?.[1];
        part.filename = /\bfilename="([^"]*)"/i.exec(value)?.[1];
      } else if (/^content-type$/i.test(key ?? '')) part.contentType = value;
      // A part sent base64-encoded (as some upload clients do) is its decoded bytes.
      else if (/^content-transfer-encoding$/i.test(key ?? '') && /^base64$/i.test(value)) part.data = Buffer.from(part.data.toString('latin1').replace(/\s+/g, ''), 'base64');
    }
    parts.push(part);
    at = next;
  }
  return parts;
}
