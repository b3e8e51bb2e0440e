// The timeZone parameter of TQL collections and of /api/search (query string, or form field of a POST).
import { describe, expect, it } from 'vitest';
import { ADMIN_AUTH } from '../../helpers/fake.ts';
import { makeTestFake } from '../../helpers/test-fake.ts';

const JAN_14 = encodeURIComponent("CreatedAt = '2026-01-14'");
const names = (items: { Name: string }[]) => items.map((s) => s.Name).sort();

describe('timeZone', () => {
  it('decides which day a date names on a TQL collection', async () => {
    const fake = await makeTestFake();
    // "Transfer between own accounts" was created 2026-01-13T13:00Z: the 14th in Auckland (UTC+13 in January).
    const utc = await fake.get(`/api/scripts?tql=${JAN_14}`);
    expect(names(utc.body.Items)).toEqual(['Monthly statement totals match transactions']);
    const auckland = await fake.get(`/api/scripts?tql=${JAN_14}&timeZone=Pacific/Auckland`);
    expect(names(auckland.body.Items)).toEqual(['Monthly statement totals match transactions', 'Transfer between own accounts']);
  });

  it('applies to /api/search, as a query parameter or a form field', async () => {
    const fake = await makeTestFake();
    const tql = `EntityType = Script AND ${decodeURIComponent(JAN_14)}`;
    const viaGet = await fake.get(`/api/search?tql=${encodeURIComponent(tql)}&timeZone=${encodeURIComponent('+13:00')}`);
    expect(viaGet.body.Total).toBe(2);
    const viaForm = await fake.app.request('http://localhost/api/search', {
      method: 'POST',
      headers: { Authorization: ADMIN_AUTH, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ tql, timeZone: 'Pacific/Auckland' }).toString(),
    });
    expect(((await viaForm.json()) as { Total: number }).Total).toBe(2);
  });

  it('refuses a zone that does not exist, with a Message', async () => {
    const fake = await makeTestFake();
    const res = await fake.get(`/api/scripts?tql=${JAN_14}&timeZone=Atlantis/Capital`);
    expect(res.status).toBe(403);
    expect(res.body.Message).toContain('Atlantis/Capital');
  });

  it('GET /api/timezone resolves Windows and IANA ids with their offset, and says when it cannot', async () => {
    const fake = await makeTestFake();
    const nz = await fake.get(`/api/timezone?id=${encodeURIComponent('New Zealand Standard Time')}`);
    expect(nz.status).toBe(200);
    expect(nz.body).toMatchObject({ UnresolvedTimeZoneId: 'New Zealand Standard Time', Resolved: true, TimeZoneId: 'New Zealand Standard Time' });
    expect(['12:00:00', '13:00:00']).toContain(nz.body.UtcOffset); // standard or daylight time
    const wall = Date.parse(nz.body.CurrentTimeInZone) - Date.now();
    expect(Math.abs(wall - (nz.body.UtcOffset === '13:00:00' ? 13 : 12) * 3_600_000)).toBeLessThan(60_000);
    const india = await fake.get('/api/timezone?id=Asia/Kolkata');
    expect(india.body.UtcOffset).toBe('05:30:00');
    const unknown = await fake.get('/api/timezone?id=Mars/Olympus');
    expect(unknown.body).toEqual({ UnresolvedTimeZoneId: 'Mars/Olympus', Resolved: false, TimeZoneId: null, UtcOffset: null, CurrentTimeInZone: null });
    // Without an id: the server's own zone (what /api/systeminfo says), so the root's TimeZone link resolves.
    const none = await fake.get('/api/timezone');
    expect(none.status).toBe(200);
    const info = (await fake.get('/api/systeminfo')).body;
    expect(none.body).toMatchObject({ UnresolvedTimeZoneId: null, Resolved: true, TimeZoneId: info.TimeZoneId, UtcOffset: info.UtcOffset });
  });
});
