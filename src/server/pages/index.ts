// Stage pages: what the fake shows a person in a browser (the API reference of the spec it runs from).
export * from './docs-page.ts';
