// Recording a client's session against the fake as its pact (`et-fake serve --record-pact FILE`).
export { recordingOf, type Recording } from './recorder.ts';
export { recordingExtras } from './record-command.ts';
