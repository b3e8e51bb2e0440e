// The fake the server tests use: the generated spec and the default data (generated fixtures plus the
// curated fixtures/default.json), exactly what `et-fake serve` serves.
import { defaultData } from '../../src/server/data.ts';
import type { FakeOptions } from '../../src/server/options.ts';
import { GENERATED_SPEC } from '../../src/server/paths.ts';
import { readSpec, type OpenApiDoc } from '../../src/server/spec/operations.ts';
import { makeFake, type TestFake } from './fake.ts';

let spec: Promise<OpenApiDoc> | undefined;
/** One spec object per test file, so the compiled response validators are shared between its tests. */
export function testSpec(): Promise<OpenApiDoc> {
  return (spec ??= readSpec(GENERATED_SPEC));
}

export const testData = defaultData;

export async function makeTestFake(options: FakeOptions = {}): Promise<TestFake> {
  return makeFake({ spec: await testSpec(), fixtures: await testData(), ...options });
}

// Ids of the demo organisation (docs-spec catalogue).
export const ONLINE_BANKING = '944aa658-8067-42cf-a6a6-ce71535a73bc';
export const MOBILE_WALLET = '4545fe95-e9c2-40e9-8f4a-3f000d14526f';
export const REGRESSION_PKG = '9bfeb244-06a6-4440-b6b6-a8bcc0847673';
export const REPORTS_PKG = 'd009c056-6025-4a5e-a3b9-fc0fa8cf1f2e';
export const DATA_IMPORT_PKG = '7c8ffe51-c584-41d6-8739-8dbd56d5770f';
export const LOGIN_SCRIPT = '3503ada7-6f77-46ba-a083-a84747d53b2c';
export const LOGIN_ASSIGNMENT = '2264a622-2869-4ef8-8183-a0040106ca9d';
export const RELEASE_PKG = '09185206-7065-4398-bdfb-e78a2588c54f';
export const ADMIN_ID = '22004990-021c-4b4b-b078-b4fb9aaa4fd5';
export const JOEB_ID = 'e7157154-5f93-4ec4-bde3-0a3e5c66b04a';
/** The automated test assignment "JUnit Test Results" in "Nightly Automation". */
export const NIGHTLY_ASSIGNMENT = 'f0663d93-f100-4051-9dc6-fd9f81e077e5';
