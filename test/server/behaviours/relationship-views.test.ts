// Details of the relationship views: a record on its own is in no relationship (null relationship fields),
// a requirement's "all relationships" include those of the requirements under it, incoming relationships
// come first, and the type lists take OData filters.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';

const ORG = '06e3f216-7665-4252-9ad1-8f3c56999fa0';
const SIGN_IN_REQ = 'c48ed974-732e-4bda-9505-f0b5f26cc10e';
const LIMIT_REQ = '93da0620-dc76-42b4-8757-352d82974bcd';
const LOGIN_SCRIPT = '3503ada7-6f77-46ba-a083-a84747d53b2c';

describe('relationship views', () => {
  it('shows the record itself with null relationship fields', async () => {
    const fake = await makeTestFake({ auth: false });
    const view = await fake.get(`/api/requirement/${SIGN_IN_REQ}/relationships`);
    expect(view.body).toMatchObject({ EntityId: SIGN_IN_REQ, RelationshipId: null, RelationshipTypeKey: null, RelationshipType: null, Relation: null, RelationshipDirection: null });
  });

  it('counts the relationships of child requirements in a requirement\'s "all relationships", also new ones', async () => {
    const fake = await makeTestFake({ auth: false });
    const own = (await fake.get(`/api/requirement/${SIGN_IN_REQ}/relationships`)).body.Children.length;
    const all = await fake.get(`/api/requirement/${SIGN_IN_REQ}/allrelationships`);
    expect(all.body.Children.length).toBeGreaterThan(own);

    // A new requirement under it, covered by the login script, shows up in "all" but not in its own list.
    const parent = (await fake.get(`/api/requirement/${SIGN_IN_REQ}`)).body;
    const child = await fake.post('/api/requirements', { Name: 'Lock the account after 5 failures', PackageId: parent.PackageId, ParentId: SIGN_IN_REQ });
    expect(child.status).toBeLessThan(300);
    const made = await fake.post(`/api/organisation/${ORG}/relationshiptype/ScriptToRequirementCoverage/relationships`, {
      SourceEntityId: LOGIN_SCRIPT,
      SourceEntityType: 'TestScript',
      DestinationEntityId: child.body.Id,
      DestinationEntityType: 'Requirement',
    });
    expect(made.status).toBe(200);
    const after = await fake.get(`/api/requirement/${SIGN_IN_REQ}/allrelationships`);
    expect(after.body.Children.map((c: { RelationshipId: string }) => c.RelationshipId)).toContain(made.body.RelationshipId);
    expect((await fake.get(`/api/requirement/${SIGN_IN_REQ}/relationships`)).body.Children).toHaveLength(own);
    // Its ParentPath starts at the package.
    const fromScript = (await fake.get(`/api/script/${LOGIN_SCRIPT}/relationships`)).body.Children.find((c: { EntityId: string }) => c.EntityId === child.body.Id);
    expect(fromScript.ParentPath).toBe(`${fromScript.PackagePath}/${parent.Name}`);
  });

  it('lists relationships pointing at a record before its own', async () => {
    const fake = await makeTestFake({ auth: false });
    const view = await fake.get(`/api/requirement/${LIMIT_REQ}/relationships`);
    expect(view.body.Children.map((c: { Relation: string }) => c.Relation)).toEqual(['Covered By', 'Depends On']);
  });

  it('filters and orders the relationship types with OData', async () => {
    const fake = await makeTestFake({ auth: false });
    const scripts = await fake.get(`/api/relationshiptypes?$filter=${encodeURIComponent("SourceEntityType eq 'TestScript'")}`);
    expect(scripts.body.Items.map((t: { Key: string }) => t.Key)).toEqual(['ScriptToRequirementCoverage']);
    const byName = await fake.get(`/api/organisation/${ORG}/relationshiptypes?$orderby=Name%20desc&$inlinecount=allpages`);
    expect(byName.body.Items.map((t: { Name: string }) => t.Name)).toEqual(['Verification', 'Dependency', 'Coverage']);
    expect(byName.body.Total).toBe(3);
  });
});
