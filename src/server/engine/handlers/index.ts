// The generic handlers: which one serves an operation, by its kind (collection or item) and method.
import type { Handler } from '../engine.ts';
import type { OperationSpec } from '../../spec/operations.ts';
import { createInCollection, listCollection, searchByForm } from './collection.ts';
import { getItem, patchItem, putItem } from './item.ts';
import { clearCollection, deleteItem } from './delete.ts';
import { uploadAttachments } from './attachments.ts';
import { documentedExample } from './documented.ts';

/**
 * The generic reads: what they answer follows from the request and the store alone (no clock, no other
 * state), so the engine may keep their answers until the store changes (../memos/answers.ts).
 */
export const PURE_READS: ReadonlySet<Handler> = new Set<Handler>([getItem, listCollection]);

/** The generic handler of an operation; one without a stored entity answers what the docs show. */
export function genericHandler(op: OperationSpec, hasEntity: boolean): Handler {
  if (hasEntity && op.kind === 'collection') {
    if (op.method === 'GET') return listCollection;
    if (op.method === 'POST' && op.requestTypes.some((t) => t.startsWith('multipart/'))) return uploadAttachments;
    if (op.method === 'POST') return op.envelopeResponse && !op.statuses.includes(201) ? searchByForm : createInCollection;
    if (op.method === 'DELETE') return clearCollection;
  }
  if (hasEntity && op.kind === 'item') {
    if (op.method === 'GET') return getItem;
    if (op.method === 'PUT') return putItem;
    if (op.method === 'PATCH') return patchItem;
    if (op.method === 'DELETE') return deleteItem;
  }
  return documentedExample;
}
