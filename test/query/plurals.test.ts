// `~` folds English plural endings, as ET's own seed example shows (`Name ~ 'Report'` finds "Reports").
import { describe, expect, it } from 'vitest';
import { runTql, type Rec } from '../../src/query/index.ts';
import { makeContext } from './fixture.ts';

const NAMES = ['Reports', 'Report archive', 'User stories', 'A story', 'Boxes and crates', 'Box', 'Class list', 'Classes', 'Status page', 'Reporting'];
const RECORDS: Rec[] = NAMES.map((Name, i) => ({ Id: `s${i}`, Name, ProjectId: 'p1' }));
const names = (tql: string) => {
  const out = runTql('Script', RECORDS, tql, makeContext({ Script: RECORDS, Project: [{ Id: 'p1', Name: 'P' }] }));
  return out.kind === 'items' ? out.items.map((r) => r.Name).sort() : [];
};

describe('~ and plurals', () => {
  it.each([
    ["Name ~ 'Report'", ['Report archive', 'Reports']],
    ["Name ~ 'reports'", ['Report archive', 'Reports']],
    ["Name ~ story", ['A story', 'User stories']],
    ["Name ~ stories", ['A story', 'User stories']],
    ["Name ~ box", ['Box', 'Boxes and crates']],
    ["Name ~ classes", ['Class list', 'Classes']],
    ["Name ~ status", ['Status page']],
    ["Name ~ 'report*'", ['Report archive', 'Reporting', 'Reports']],
    ["Name ~ 'reporting'", ['Reporting']],
    ["Name !~ report", ['A story', 'Box', 'Boxes and crates', 'Class list', 'Classes', 'Reporting', 'Status page', 'User stories']],
  ])('%s', (tql, expected) => {
    expect(names(tql)).toEqual(expected);
  });
});
