// Files the browser runs and styles it uses, served as they are by ../docs-page.ts and ../explorer-page.ts
// (never imported by Node): docs.js starts the API reference, explorer.js is the sandbox explorer.
export {};
