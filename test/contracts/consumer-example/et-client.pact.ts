// A client team's consumer test: their own small ET client, checked against Pact's mock server. The pact
// it writes is then verified against the fake: `et-fake pact verify --pact pacts/`.
import path from 'node:path';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';

const { like, eachLike, regex, integer } = MatchersV3;
const GUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const PROJECT = '944aa658-8067-42cf-a6a6-ce71535a73bc';
const ASSIGNMENT = '2264a622-2869-4ef8-8183-a0040106ca9d';

// The team's client (in their code base, not in the test).
type Json = any;

function etClient(baseUrl: string) {
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
  return {
    createScriptPackage: async (name: string, projectId: string) => (await fetch(`${baseUrl}/api/scriptpackages`, { method: 'POST', headers, body: JSON.stringify({ Name: name, ProjectId: projectId }) })).json() as Promise<Json>,
    failedAssignments: async () => (await fetch(`${baseUrl}/api/scriptassignments?tql=${encodeURIComponent("Status = 'Failed'")}`, { headers })).json() as Promise<Json>,
    startRun: async (assignmentId: string) => {
      const res = await fetch(`${baseUrl}/api/scriptassignment/${assignmentId}/runs`, { method: 'POST', headers });
      return { status: res.status, run: (await res.json()) as Json };
    },
  };
}

const pact = new PactV4({
  consumer: 'release-dashboard',
  provider: 'EnterpriseTester',
  dir: process.env.PACT_DIR ?? path.resolve(import.meta.dirname, 'pacts'),
  spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  logLevel: 'warn',
});

describe('release-dashboard against Enterprise Tester', () => {
  it('creates a script package', async () => {
    await pact
      .addInteraction()
      .given("no script package named 'Release 2.0 smoke'")
      .uponReceiving('a request to create a script package')
      .withRequest('POST', '/api/scriptpackages', (b) => b.headers({ Accept: 'application/json' }).jsonBody({ Name: 'Release 2.0 smoke', ProjectId: PROJECT }))
      .willRespondWith(201, (b) =>
        b
          .headers({ 'Content-Type': regex('^application/json(;.*)?$', 'application/json; charset=utf-8') })
          .jsonBody({ Id: regex(GUID, '3f1c2f0e-7a51-4a8e-9a55-0e0b6f1f2a10'), Name: 'Release 2.0 smoke', ProjectId: PROJECT }),
      )
      .executeTest(async (mock) => {
        const created = await etClient(mock.url).createScriptPackage('Release 2.0 smoke', PROJECT);
        expect(created.Name).toBe('Release 2.0 smoke');
      });
  });

  it('lists failed assignments with TQL', async () => {
    await pact
      .addInteraction()
      .given('ET holds its documented example data')
      .uponReceiving('a TQL query for failed assignments')
      .withRequest('GET', '/api/scriptassignments', (b) => b.query({ tql: "Status = 'Failed'" }).headers({ Accept: 'application/json' }))
      .willRespondWith(200, (b) => b.jsonBody({ Skip: integer(0), Top: integer(50), Total: integer(1), Items: eachLike({ Id: regex(GUID, ASSIGNMENT), Status: 'Failed' }) }))
      .executeTest(async (mock) => {
        const page = await etClient(mock.url).failedAssignments();
        expect(page.Items[0].Status).toBe('Failed');
      });
  });

  it('starts a run of an assignment whose last run is complete', async () => {
    await pact
      .addInteraction()
      .given(`script assignment ${ASSIGNMENT} exists with a completed run`)
      .uponReceiving('a request to start a run')
      .withRequest('POST', `/api/scriptassignment/${ASSIGNMENT}/runs`, (b) => b.headers({ Accept: 'application/json' }))
      .willRespondWith(201, (b) => b.jsonBody({ Id: regex(GUID, 'eb6b327c-df59-4f26-aa8d-a089009f0d1b'), Status: like('NotRun'), Completed: false }))
      .executeTest(async (mock) => {
        const { status, run } = await etClient(mock.url).startRun(ASSIGNMENT);
        expect(status).toBe(201);
        expect(run.Completed).toBe(false);
      });
  });
});
