// A stand-in for a Pact Broker on 127.0.0.1: it answers the broker's index and its publish-contracts
// endpoint as the broker documents them, and records every request it receives.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export async function startBrokerStandIn(): Promise<{ url: string; received: ReceivedRequest[]; close(): Promise<void> }> {
  const received: ReceivedRequest[] = [];
  let base = '';
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.setHeader('Content-Type', 'application/hal+json');
      if (req.method === 'GET' && (req.url === '/' || req.url === '')) {
        res.end(JSON.stringify({ _links: { 'pb:publish-contracts': { href: `${base}/contracts/publish`, title: 'Publish contracts' } } }));
      } else if (req.method === 'POST' && req.url === '/contracts/publish') {
        res.end(JSON.stringify({ notices: [{ type: 'success', text: 'Published' }], _embedded: { pacticipant: { name: 'x', _links: {} }, version: { number: '1', _links: {} } }, _links: {} }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
