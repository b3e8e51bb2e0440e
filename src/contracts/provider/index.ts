// The provider side of contract testing: provider states in the fake, and Pact's Verifier run against a provider.
export { install } from './provider-states.ts';
export { KNOWN_STATES, isKnownState, setUpState, StateError } from './states.ts';
export { verifyPacts, type VerifyOptions, type VerifyResult } from './verify.ts';
