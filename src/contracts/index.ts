// Contract testing with Pact: ET's documented examples as a Pact file, provider states for the fake, the
// Pact Verifier against the fake or a real ET, recording a client's session as its pact, and publishing.
export { exportDocumentedPact, type ExportOptions, type ExportResult } from './export.ts';
export { documentedExamples, type DocumentedExample } from './examples.ts';
export { KNOWN_STATES, setUpState, StateError } from './provider/states.ts';
