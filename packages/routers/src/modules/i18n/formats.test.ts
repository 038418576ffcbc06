import { describe, expect, it } from 'vitest';
import { FileFormatError, readJson, readXliff, toFlatJson, toNestedJson, toXliff } from './formats';

const entries = [
  { key: 'onboarding.title', message: 'Welcome, {name}!' },
  { key: 'onboarding.steps.one', message: '{n, plural, one {# step} other {# steps}}' },
  { key: 'settings.save', message: 'Save & close <ok>' },
  { key: 'a.b', message: 'leaf' },
  { key: 'a.b.c', message: 'deeper' },
];
const byKey = (list: { key: string; message: string }[]) =>
  Object.fromEntries(list.map((e) => [e.key, e.message]));

describe('translation files', () => {
  it('round-trip flat JSON', () => {
    const text = toFlatJson(entries);
    expect(JSON.parse(text)['onboarding.steps.one']).toBe('{n, plural, one {# step} other {# steps}}');
    expect(byKey(readJson(text).entries)).toEqual(byKey(entries));
  });

  it('round-trip nested JSON, a key that extends another kept dotted inside it', () => {
    const text = toNestedJson(entries);
    const tree = JSON.parse(text);
    expect(tree.onboarding.steps.one).toBe('{n, plural, one {# step} other {# steps}}');
    expect(tree.a).toEqual({ b: 'leaf', 'b.c': 'deeper' });
    expect(byKey(readJson(text).entries)).toEqual(byKey(entries));
  });

  it('report non-string leaves as invalid by key, and refuse what is not a JSON object', () => {
    const read = readJson('{"a": {"b": 1, "c": "ok"}, "d": ["x"]}');
    expect(read.entries).toEqual([{ key: 'a.c', message: 'ok' }]);
    expect(read.invalid.map((i) => i.key)).toEqual(['a.b', 'd']);
    expect(() => readJson('[1]')).toThrow(FileFormatError);
    expect(() => readJson('{')).toThrow(FileFormatError);
  });

  it('round-trip XLIFF 2.0 with states, escaping and notes', () => {
    const text = toXliff('en', 'de', [
      {
        key: 'onboarding.title',
        source: 'Welcome, {name}!',
        message: 'Willkommen, {name}!',
        status: 'reviewed',
        description: 'Shown <first>',
      },
      {
        key: 'settings.save',
        source: 'Save & close',
        message: 'Speichern & schließen',
        status: 'translated',
      },
      { key: 'settings.cancel', source: 'Cancel', message: '', status: 'missing' },
      { key: 'settings.draft', source: 'Draft', message: 'Entwurf', status: 'draft' },
    ]);
    expect(text).toContain(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">',
    );
    expect(text).toContain('<segment state="reviewed">');
    expect(text).toContain('Speichern &amp; schließen');
    const read = readXliff(text);
    expect(read.locale).toBe('de');
    expect(read.invalid).toEqual([]);
    expect(read.entries).toEqual([
      {
        key: 'onboarding.title',
        message: 'Willkommen, {name}!',
        status: 'reviewed',
        source: 'Welcome, {name}!',
      },
      { key: 'settings.draft', message: 'Entwurf', status: 'draft', source: 'Draft' },
      {
        key: 'settings.save',
        message: 'Speichern & schließen',
        status: 'translated',
        source: 'Save & close',
      },
    ]);
  });

  it('map final to reviewed and initial to draft, and report unknown states by key', () => {
    const read = readXliff(`<?xml version="1.0"?>
<xliff version="2.0" srcLang="en" trgLang="fr"><file id="f">
  <unit id="a.final"><segment state="final"><source>A</source><target>A-fr</target></segment></unit>
  <unit id="a.initial"><segment state="initial"><source>B</source><target><![CDATA[B <fr>]]></target></segment></unit>
  <unit id="a.odd"><segment state="signed-off"><source>C</source><target>C</target></segment></unit>
</file></xliff>`);
    expect(read.entries.map((e) => [e.key, e.status, e.message])).toEqual([
      ['a.final', 'reviewed', 'A-fr'],
      ['a.initial', 'draft', 'B <fr>'],
    ]);
    expect(read.invalid).toEqual([{ key: 'a.odd', reason: "Unknown segment state 'signed-off'" }]);
  });

  it('refuse DOCTYPE, entity declarations, unknown entities and malformed XML', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff version="2.0" trgLang="de"><file><unit id="k.a"><segment><source>&a;</source><target>&a;</target></segment></unit></file></xliff>`;
    expect(() => readXliff(bomb)).toThrow(/DOCTYPE/);
    expect(() =>
      readXliff(
        '<xliff version="2.0"><file><unit id="a.b"><segment><target>&foo;</target></segment></unit></file></xliff>',
      ),
    ).toThrow(/Unknown entity/);
    expect(() => readXliff('<xliff version="2.0"><file></xliff>')).toThrow(FileFormatError);
    expect(() => readXliff('<xliff version="1.2"></xliff>')).toThrow(/version="2.0"/);
  });
});
