// Response helpers: ET answers JSON with an explicit utf-8 charset.

export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: headers ? { 'content-type': JSON_TYPE, ...headers } : { 'content-type': JSON_TYPE },
  });
}

export const message = (status: number, text: string, headers?: Record<string, string>) =>
  json({ Message: text }, status, headers);

export const noContent = () => new Response(null, { status: 204 });
