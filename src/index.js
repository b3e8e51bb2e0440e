// The programmatic API for plain Node, which cannot import TypeScript: loads index.ts through tsx's scoped
// import (the caller's own module loading is left alone), so a JavaScript setup file can
// `import { startFake } from 'et-fake'`. TypeScript tools and vitest read index.ts itself (see package.json).
import { tsImport } from 'tsx/esm/api';

const api = await tsImport('./index.ts', import.meta.url);

export const { createApp, startFake, connectFake, adminClient } = api;
