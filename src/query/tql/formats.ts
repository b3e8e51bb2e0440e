// Alternative result formats of /api/search, as pure functions.
import { editLink } from './entities.ts';
import type { Rec } from '../types.ts';

export interface ExtJsNode {
  text: string;
  expanded?: boolean;
  iconCls: string;
  leaf?: boolean;
  children?: ExtJsNode[];
}

function node(text: string, value: unknown): ExtJsNode {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return {
      text,
      expanded: true,
      iconCls: 'summary-results-dictionary',
      children: Object.entries(value).map(([k, v]) => node(k, v)),
    };
  }
  return { text: `${text}: ${value === null || value === undefined ? '' : String(value)}`, iconCls: 'summary-results-value', leaf: true };
}

/**
 * format=extjstree: an aggregate's Results as an ExtJS tree. Dictionaries (groups) become
 * expanded folders, numbers become leaves "COUNT: 3". Returns the value of `Results`.
 */
export function toExtJsTree(results: Record<string, unknown>): ExtJsNode {
  return {
    text: 'Results',
    expanded: true,
    iconCls: 'summary-results-root',
    children: Object.entries(results).map(([k, v]) => node(k, v)),
  };
}

/**
 * format=grid: search items with `EntityType` and `EditLink`, the ET web page of the
 * record relative to ET's root (`/#/<entitytype>/<id>`, e.g. `/#/script/<id>`).
 */
export function toGridItem(entity: string, record: Rec): Rec & { EntityType: string; EditLink: string } {
  return { ...record, EntityType: entity, EditLink: editLink(entity, record) };
}
