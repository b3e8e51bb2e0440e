// The XML reader, the NUnit/JUnit readers and the multipart splitter.
import { describe, expect, it } from 'vitest';
import { parseMultipart, boundaryOf } from '../../../src/server/http/multipart.ts';
import { combine, flatten, parseResultFile, ResultFileError } from '../../../src/server/formats/result-files.ts';
import { parseXml, XmlError } from '../../../src/server/formats/xml.ts';
import { TRX } from '../../helpers/result-samples.ts';

describe('xml', () => {
  it('reads elements, attributes, entities, CDATA and skips comments and declarations', () => {
    const root = parseXml(`\uFEFF<?xml version="1.0"?><!DOCTYPE r><!-- c --><r a="1 &amp; 2" b='x'><c>t &lt;3 &#65;&#x42;</c><d/><![CDATA[<raw>]]></r>`);
    expect(root.name).toBe('r');
    expect(root.attrs).toEqual({ a: '1 & 2', b: 'x' });
    expect(root.children.map((c) => c.name)).toEqual(['c', 'd']);
    expect(root.children[0]!.text).toBe('t <3 AB');
    expect(root.text).toBe('<raw>');
  });

  it('skips a DOCTYPE with an internal subset (its entities are not expanded)', () => {
    const root = parseXml('<!DOCTYPE a [<!ENTITY e "boom"><!ELEMENT a ANY>]>\n<a>&e;</a>');
    expect(root.name).toBe('a');
    expect(root.text).toBe('&e;');
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "boom">')).toThrow(/unterminated DOCTYPE internal subset/);
  });

  it('reports malformed documents with the line', () => {
    expect(() => parseXml('<a>\n<b></a>')).toThrow(XmlError);
    expect(() => parseXml('<a>\n<b></a>')).toThrow(/line 2/);
    expect(() => parseXml('<a></a><b/>')).toThrow(/second root/);
    expect(() => parseXml('<a>')).toThrow(/never closed/);
    expect(() => parseXml('')).toThrow(/no root/);
    // Readers of the tree recurse: a file nested without end is refused, not a stack overflow.
    expect(() => parseXml(`${'<s>'.repeat(501)}${'</s>'.repeat(501)}`)).toThrow(/nested more than 500 deep/);
    expect(parseXml(`${'<s>'.repeat(500)}${'</s>'.repeat(500)}`).name).toBe('s');
  });
});


describe('result files', () => {
  it('reads MSTest (.trx) results: a suite per test class, outcomes, durations and error messages', () => {
    const parsed = parseResultFile(TRX);
    expect(parsed.format).toBe('MSTest');
    expect(parsed.status).toBe('Failed');
    expect(parsed.startedAt).toBe('2026-03-02T09:15:00Z');
    expect(flatten(parsed.roots).map(({ node }) => [node.name, node.status, node.durationInSeconds, node.message])).toEqual([
      ['Bank.Tests.TransferTests', 'Failed', 1.75, null],
      ['Bank.Tests.TransferTests.SmallAmount', 'Passed', 0.25, null],
      ['Bank.Tests.TransferTests.LargeAmount', 'Failed', 1.5, 'Assert.AreEqual failed. Expected:<10001>. Actual:<10000>.'],
      ['Bank.Tests.TransferTests.Overseas', 'Skipped', null, null],
      ['Bank.Tests.LoginTests', 'Passed', 60, null],
      ['Bank.Tests.LoginTests.ValidLogin', 'Passed', 60, null],
    ]);
    expect(() => parseResultFile('<TestRun name="empty"><Results/></TestRun>')).toThrow(/MSTest result file holds no test suites/);
  });

  it('reads NUnit 3 results', () => {
    const parsed = parseResultFile(`<test-run start-time="2026-03-02 09:00:00Z"><test-suite type="Assembly" name="A.dll" result="Failed" duration="2">
      <test-suite type="TestFixture" name="F" result="Failed"><test-case name="ok" fullname="F.ok" result="Passed" duration="0.5"/>
      <test-case name="bad" fullname="F.bad" result="Failed" duration="1.5"><failure><message>boom</message></failure></test-case></test-suite></test-suite></test-run>`);
    expect(parsed.format).toBe('NUnit');
    expect(parsed.status).toBe('Failed');
    expect(parsed.startedAt).toBe('2026-03-02T09:00:00Z');
    expect(flatten(parsed.roots).map(({ node }) => [node.name, node.status, node.durationInSeconds, node.message])).toEqual([
      ['A.dll', 'Failed', 2, null],
      ['F', 'Failed', null, null],
      ['F.ok', 'Passed', 0.5, null],
      ['F.bad', 'Failed', 1.5, 'boom'],
    ]);
  });

  it('reads a bare JUnit testsuite with errors as failures', () => {
    const parsed = parseResultFile('<testsuite name="S"><testcase name="t1" time="1"><error message="NPE"/></testcase><testcase name="t2"/></testsuite>');
    expect(parsed.format).toBe('JUnit');
    expect(parsed.roots[0]!.children.map((c) => [c.name, c.status, c.message])).toEqual([
      ['t1', 'Failed', 'NPE'],
      ['t2', 'Passed', null],
    ]);
  });

  it('refuses other documents and empty reports', () => {
    expect(() => parseResultFile('<trx/>')).toThrow(ResultFileError);
    expect(() => parseResultFile('<testsuites/>')).toThrow(/no test suites/);
  });

  it('combines statuses the way a suite summarises its tests', () => {
    expect(combine(['Passed', 'Skipped'])).toBe('Passed');
    expect(combine(['Skipped', 'Skipped'])).toBe('Skipped');
    expect(combine(['Passed', 'Failed'])).toBe('Failed');
    expect(combine(['Inconclusive', 'Skipped'])).toBe('Inconclusive');
  });
});

describe('multipart', () => {
  it('splits parts with their names, file names and types', () => {
    const body = Buffer.from(['--b1', 'Content-Disposition: form-data; name="note"', '', 'hello', '--b1', 'Content-Disposition: form-data; name="report"; filename="r.xml"', 'Content-Type: text/xml', '', '<a/>', '--b1--', ''].join('\r\n'));
    expect(boundaryOf('multipart/form-data; boundary="b1"')).toBe('b1');
    const parts = parseMultipart(body, 'b1');
    expect(parts.map((p) => [p.name, p.filename, p.contentType, p.data.toString()])).toEqual([
      ['note', undefined, undefined, 'hello'],
      ['report', 'r.xml', 'text/xml', '<a/>'],
    ]);
  });
});
