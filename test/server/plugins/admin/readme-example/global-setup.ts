// vitest globalSetup: one fake for the whole run; its URL goes to the tests.
import type { TestProject } from 'vitest/node';
import { startFake } from 'et-fake';

export default async function setup(project: TestProject) {
  const fake = await startFake();
  project.provide('etUrl', fake.url);
  return () => fake.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    etUrl: string;
  }
}
