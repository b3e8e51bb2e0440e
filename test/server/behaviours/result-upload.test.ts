// Automated results: a multipart NUnit or JUnit file posted to an assignment's runs answers 202 with a
// background task; polling the task shows progress until Complete, and then the run and its nodes exist.
import { describe, expect, it } from 'vitest';
import type { TestFake } from '../../helpers/fake.ts';
import { makeTestFake, NIGHTLY_ASSIGNMENT } from '../../helpers/test-fake.ts';
import { zipOf } from '../../helpers/zip.ts';
import { TRX } from '../../helpers/result-samples.ts';

export const NUNIT2 = `<?xml version="1.0" encoding="utf-8"?>
<!-- produced by NUnit 2.6 -->
<test-results name="Bank.Tests.dll" total="3" failures="1" not-run="1" date="2026-03-02" time="09:15:00">
  <test-suite type="Assembly" name="Bank.Tests.dll" executed="True" result="Failure" success="False" time="1.250">
    <results>
      <test-suite type="TestFixture" name="TransferTests" executed="True" result="Failure" success="False" time="1.200">
        <results>
          <test-case name="Bank.Tests.TransferTests.SmallAmount" executed="True" result="Success" success="True" time="0.100" />
          <test-case name="Bank.Tests.TransferTests.LargeAmount" executed="True" result="Failure" success="False" time="1.000">
            <failure><message><![CDATA[Expected 10001 but was 10000 & <rounded>]]></message><stack-trace>at LargeAmount()</stack-trace></failure>
          </test-case>
          <test-case name="Bank.Tests.TransferTests.Overseas" executed="False" result="Ignored"><reason><message>Not yet</message></reason></test-case>
        </results>
      </test-suite>
    </results>
  </test-suite>
</test-results>`;

export const JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="com.example.LoginTest" tests="2" failures="0" time="0.5" timestamp="2026-03-02T10:00:00">
    <testcase classname="com.example.LoginTest" name="validLogin" time="0.2"/>
    <testcase classname="com.example.LoginTest" name="lockedAccount" time="0.3"><skipped message="flaky"/></testcase>
  </testsuite>
</testsuites>`;

function multipart(xml: string, boundary = 'et-fake-boundary-1234', kind = 'form-data'): { body: string; type: string } {
  const body = [`--${boundary}`, 'Content-Disposition: form-data; name="fileupload"; filename="results.xml"', 'Content-Type: text/xml', '', xml, `--${boundary}--`, ''].join('\r\n');
  return { body, type: `multipart/${kind}; boundary=${boundary}` };
}

async function upload(fake: TestFake, xml: string, kind = 'form-data') {
  const { body, type } = multipart(xml, undefined, kind);
  return fake.request('POST', `/api/automatedtestassignment/${NIGHTLY_ASSIGNMENT}/runs`, { raw: body, headers: { 'Content-Type': type } });
}

async function pollUntilComplete(fake: TestFake, self: string) {
  const seen: number[] = [];
  for (let i = 0; i < 200; i++) {
    const res = await fake.get(self);
    expect(res.status).toBe(200);
    seen.push(res.body.ProcessedElements);
    if (res.body.Complete) return { task: res.body, seen };
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the task never completed');
}

describe('automated result upload', () => {
  it('imports an NUnit 2 file through a background task', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await upload(fake, NUNIT2);
    expect(res.status).toBe(202);
    expect(res.body.Complete).toBe(false);
    expect(res.body.Self).toBe(`http://localhost/api/backgroundtask/${res.body.Id}`);
    const { task, seen } = await pollUntilComplete(fake, res.body.Self);
    expect(task).toMatchObject({ Complete: true, Error: null, ProgressInPercent: 1 });
    expect(task.ProcessedElements).toBe(task.TotalElements);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const runs = await fake.get(`/api/automatedtestassignment/${NIGHTLY_ASSIGNMENT}/runs?$inlinecount=allpages`);
    const created = fake.store.collection('AutomatedTestRun').where('AssignmentId', NIGHTLY_ASSIGNMENT);
    expect(runs.body.Total).toBe(created.length);
    const run = created[created.length - 1]!;
    expect(run).toMatchObject({ Status: 'Failed', RunBy: 'Administrator', StartedAt: '2026-03-02T09:15:00Z' });
    expect(task.Message).toContain(run.Id);

    const nodes = fake.store.collection('ResultNode').where('RunId', run.Id);
    expect(nodes.map((n) => [n.Name, n.Status])).toEqual([
      ['Bank.Tests.dll', 'Failed'],
      ['TransferTests', 'Failed'],
      ['Bank.Tests.TransferTests.SmallAmount', 'Passed'],
      ['Bank.Tests.TransferTests.LargeAmount', 'Failed'],
      ['Bank.Tests.TransferTests.Overseas', 'Skipped'],
    ]);
    expect(nodes[3]!.Description).toBe('Expected 10001 but was 10000 & <rounded>');
    expect(nodes[2]!.ParentId).toBe(nodes[1]!.Id);
    expect(nodes[0]!.ParentId).toBeNull();
    const listed = await fake.get(`/api/automatedtestrun/${run.Id}/nodes?$inlinecount=allpages`);
    const items = Array.isArray(listed.body) ? listed.body : listed.body.Items;
    // ET lists a run's root nodes here; the rest hang below them (ParentId).
    expect(items.map((n: { Id: string }) => n.Id)).toEqual(nodes.filter((n) => n.ParentId === null).map((n) => n.Id));
    const node = await fake.get(`/api/automatedtestrun/${run.Id}/node/${nodes[3]!.Id}`);
    expect(node.body).toMatchObject({ Name: 'Bank.Tests.TransferTests.LargeAmount', Status: 'Failed' });
    // PATCH with a plain model merges it (EditResultNode: Notes).
    const patched = await fake.patch(`/api/automatedtestrun/${run.Id}/node/${nodes[3]!.Id}`, { Notes: 'Known rounding issue, see the incident.' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ Notes: 'Known rounding issue, see the incident.', Status: 'Failed', Name: 'Bank.Tests.TransferTests.LargeAmount' });
    const otherRun = fake.store.collection('AutomatedTestRun').values().next().value!;
    expect((await fake.get(`/api/automatedtestrun/${otherRun.Id}/node/${nodes[3]!.Id}`)).status).toBe(404);
    const shown = await fake.get(`/api/automatedtestrun/${run.Id}?$expand=Totals`);
    if (fake.engine.catalog.get('AutomatedTestRun')!.properties.has('Totals'))
      expect(shown.body.Totals).toMatchObject({ Passed: 1, Failed: 1, Skipped: 1, TotalResults: 3, TotalNodes: 5 });
  });

  it('imports a JUnit file sent as multipart/mixed', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await upload(fake, JUNIT, 'mixed');
    expect(res.status).toBe(202);
    await pollUntilComplete(fake, res.body.Self);
    const run = fake.store.collection('AutomatedTestRun').where('AssignmentId', NIGHTLY_ASSIGNMENT).at(-1)!;
    expect(run.Status).toBe('Passed');
    const nodes = fake.store.collection('ResultNode').where('RunId', run.Id);
    expect(nodes.map((n) => [n.Name, n.Status])).toEqual([
      ['com.example.LoginTest', 'Passed'],
      ['com.example.LoginTest.validLogin', 'Passed'],
      ['com.example.LoginTest.lockedAccount', 'Skipped'],
    ]);
    const shown = await fake.get(`/api/automatedtestrun/${run.Id}?$expand=Assignment`);
    expect(shown.body.Assignment.Id).toBe(NIGHTLY_ASSIGNMENT);
  });

  it('refuses broken or foreign files with 403, and other content types with 415, writing nothing', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = fake.store.collection('AutomatedTestRun').size;
    const broken = await upload(fake, '<testsuites><testsuite name="x"></testsuites>');
    expect(broken.status).toBe(403);
    expect(broken.body.Message).toMatch(/not valid XML/);
    const deep = await upload(fake, `<testsuites>${'<testsuite>'.repeat(100_000)}${'</testsuite>'.repeat(100_000)}</testsuites>`);
    expect(deep.status).toBe(403);
    expect(deep.body.Message).toMatch(/nested more than 500 deep/);
    const foreign = await upload(fake, '<html><body/></html>');
    expect(foreign.status).toBe(403);
    expect(foreign.body.Message).toContain('<html>');
    const json = await fake.post(`/api/automatedtestassignment/${NIGHTLY_ASSIGNMENT}/runs`, { file: 'x' });
    // 415 from the upload itself; the validation plug-in may refuse the content type first with 400.
    expect([400, 415]).toContain(json.status);
    expect(fake.store.collection('AutomatedTestRun').size).toBe(before);
  });

  /** A zip in a multipart/mixed part named `report`, as ET's own upload client sends its results. */
  async function uploadZip(fake: TestFake, zip: Buffer) {
    const boundary = 'et-fake-zip-boundary';
    const head = [`--${boundary}`, 'Content-Disposition: form-data; name="report"; filename="results.zip"', 'Content-Type: application/zip', '', ''].join('\r\n');
    const raw = Buffer.concat([Buffer.from(head), zip, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    return fake.request('POST', `/api/automatedtestassignment/${NIGHTLY_ASSIGNMENT}/runs`, { raw: new Uint8Array(raw), headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` } });
  }

  it('imports a zip of result files into one run (deflated and stored entries; folders and other files ignored)', async () => {
    const fake = await makeTestFake({ auth: false });
    const zip = zipOf([
      { name: 'reports/', text: '' },
      { name: 'reports/nunit.xml', text: NUNIT2 },
      { name: 'reports/junit.XML', text: JUNIT, deflate: false },
      { name: 'reports/mstest.trx', text: TRX },
      { name: 'README.txt', text: 'not a result file' },
    ], 'made by a test');
    const res = await uploadZip(fake, zip);
    expect(res.status).toBe(202);
    const { task } = await pollUntilComplete(fake, res.body.Self);
    expect(task.Error).toBeNull();
    expect(task.Message).toContain('JUnit, MSTest and NUnit');
    const run = fake.store.collection('AutomatedTestRun').where('AssignmentId', NIGHTLY_ASSIGNMENT).at(-1)!;
    // One failure fails the run; the earliest start of the files is the run's.
    expect(run).toMatchObject({ Status: 'Failed', StartedAt: '2026-03-02T09:15:00Z' });
    const nodes = fake.store.collection('ResultNode').where('RunId', run.Id);
    expect(nodes.filter((n) => n.ParentId === null).map((n) => n.Name)).toEqual([
      'Bank.Tests.dll',
      'com.example.LoginTest',
      'Bank.Tests.TransferTests',
      'Bank.Tests.LoginTests',
    ]);
    expect(nodes).toHaveLength(14);
  });

  it('refuses zips it cannot use with 403 and a reason, writing nothing', async () => {
    const fake = await makeTestFake({ auth: false, maxUploadBytes: 4096 });
    const runs = () => fake.store.collection('AutomatedTestRun').size;
    const before = runs();
    const good = zipOf([{ name: 'junit.xml', text: JUNIT }]);
    const cases: [Buffer, RegExp][] = [
      [zipOf([{ name: 'notes.txt', text: 'hello' }]), /holds no result files/],
      [zipOf([{ name: 'a.xml', text: JUNIT }, { name: 'b.xml', text: '<testsuites><testsuite>' }]), /^b\.xml: The result file is not valid XML/],
      [good.subarray(0, good.length - 30), /damaged|cut short/],
      // 100 KB of one letter deflates to a few hundred bytes but unpacks beyond the 4 KB upload limit.
      [zipOf([{ name: 'big.xml', text: `<testsuites>${'x'.repeat(100_000)}</testsuites>` }]), /more than 4 KB/],
    ];
    for (const [zip, message] of cases) {
      const res = await uploadZip(fake, zip);
      expect(res.status, String(message)).toBe(403);
      expect(res.body.Message).toMatch(message);
    }
    expect(runs()).toBe(before);
    // A bare zip body (no multipart) is read the same way.
    const bare = await fake.request('POST', `/api/automatedtestassignment/${NIGHTLY_ASSIGNMENT}/runs`, { raw: new Uint8Array(good), headers: { 'Content-Type': 'application/zip' } });
    expect(bare.status).toBe(202);
  });

  it('answers 404 for a missing assignment', async () => {
    const fake = await makeTestFake({ auth: false });
    const { body, type } = multipart(JUNIT);
    const res = await fake.request('POST', '/api/automatedtestassignment/00000000-0000-4000-8000-000000000000/runs', { raw: body, headers: { 'Content-Type': type } });
    expect(res.status).toBe(404);
  });
});
