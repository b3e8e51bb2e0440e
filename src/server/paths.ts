// Where the build output and the curated data live, relative to the package (not the working directory).
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const PACKAGE_ROOT = root;
export const GENERATED_SPEC = `${root}generated/openapi.json`;
export const GENERATED_FIXTURES = `${root}generated/fixtures.json`;
export const CURATED_FIXTURES = `${root}fixtures/default.json`;
