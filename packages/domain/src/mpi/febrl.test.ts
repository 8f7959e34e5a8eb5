import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateLinkage, type LinkageEvaluation } from './evaluate';
import { parseFebrlCsv, splitCsv } from './febrl';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataset = (name: string) =>
  readFileSync(path.resolve(repoRoot, `../shared/data/febrl/${name}`), 'utf8');

describe('parseFebrlCsv', () => {
  it('reads FEBRL rows with spaces after commas, labels and clear ID numbers', () => {
    const text =
      'rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id\n' +
      'rec-712-dup-0, jacob, lanyon, 5, milne cove, wellwod, beaconsfield upper, 2602, vic, 19080712, 9497788\n' +
      'rec-1900-org, kiara, , 8, , legacy vlge, noble park, 6076, wa, , 3831644\r\n' +
      'rec-13-org, daniel, morrison, 25, bellchambers crescent, , , 4514, vic, 19621316, 8699433\n';
    const { records } = parseFebrlCsv(text);
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({
      recId: 'rec-712-dup-0',
      trueEntity: '712',
      givenName: 'jacob',
      familyName: 'lanyon',
      birthDate: '1908-07-12',
      idNumber: '9497788',
      idClear: true,
      address: {
        streetNumber: '5',
        detail: 'milne cove wellwod',
        locality: 'beaconsfield upper',
        postcode: '2602',
        province: 'vic',
      },
    });
    expect(records[1]).toMatchObject({
      recId: 'rec-1900-org',
      trueEntity: '1900',
      address: { detail: 'legacy vlge' },
    });
    expect(records[1]?.familyName).toBeUndefined();
    expect(records[1]?.birthDate).toBeUndefined();
    // An impossible date is kept: compared component by component it is still evidence.
    expect(records[2]?.birthDate).toBe('1962-13-16');
  });

  it('splits quoted fields too', () => {
    expect(splitCsv('a,"b, c","say ""hi"""\n\n1,,3')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['1', '', '3'],
    ]);
  });

  it('refuses a file without the FEBRL columns', () => {
    expect(() => parseFebrlCsv('id,name\n1,x\n')).toThrow(/rec_id/);
  });
});

function report(name: string, e: LinkageEvaluation, ms: number): void {
  const fmt = (m: LinkageEvaluation['auto']) =>
    `P=${m.precision.toFixed(4)} R=${m.recall.toFixed(4)} F1=${m.f1.toFixed(4)} (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
  console.log(
    `${name} ${e.mode}: ${e.pairsCompared} pairs compared, ${e.truePairsBlocked}/${e.truePairs} true pairs blocked, ` +
      `${ms.toFixed(0)} ms, thresholds upper ${e.thresholds.upper} lower ${e.thresholds.lower}\n` +
      `  auto        ${fmt(e.auto)}\n  auto+review ${fmt(e.autoPlusReview)}\n` +
      `  sweep ${e.sweep.map((s) => `${s.threshold}: ${s.precision.toFixed(3)}/${s.recall.toFixed(3)}`).join(', ')}`,
  );
}

describe.each(['dataset1.csv', 'dataset2.csv'])('FEBRL %s with the default parameters', (file) => {
  const { records } = parseFebrlCsv(dataset(file));

  it('deduplicates to the targets', () => {
    const t0 = performance.now();
    const e = evaluateLinkage({ records });
    const ms = performance.now() - t0;
    report(file, e, ms);
    expect(e.autoPlusReview.precision).toBeGreaterThanOrEqual(0.99);
    expect(e.autoPlusReview.recall).toBeGreaterThanOrEqual(0.95);
    expect(e.auto.precision).toBeGreaterThanOrEqual(0.995);
    expect(ms).toBeLessThan(2000);
  });

  it('links the originals to the duplicates to the same targets', () => {
    const originals = records.filter((r) => r.recId.endsWith('-org'));
    const duplicates = records.filter((r) => !r.recId.endsWith('-org'));
    const t0 = performance.now();
    const e = evaluateLinkage({ records: originals, otherRecords: duplicates });
    report(file, e, performance.now() - t0);
    expect(e.mode).toBe('link');
    expect(e.truePairs).toBe(duplicates.length);
    expect(e.autoPlusReview.precision).toBeGreaterThanOrEqual(0.99);
    expect(e.autoPlusReview.recall).toBeGreaterThanOrEqual(0.95);
    expect(e.auto.precision).toBeGreaterThanOrEqual(0.995);
  });
});

describe('evaluateLinkage', () => {
  it('counts true pairs that blocking never proposed as misses', () => {
    const records = [
      { trueEntity: '1', name: 'Mary Smith', birthDate: '1950-02-03' },
      { trueEntity: '1', name: 'Mary Smith', birthDate: '1950-02-03' },
      { trueEntity: '1', name: 'Jane Doe', birthDate: '1977-07-07' },
      { trueEntity: '2', name: 'Ann Lee', birthDate: '1960-01-01' },
    ];
    const e = evaluateLinkage({ records });
    expect(e.truePairs).toBe(3);
    expect(e.pairsCompared).toBe(1);
    expect(e.autoPlusReview).toMatchObject({ tp: 1, fp: 0, fn: 2, precision: 1 });
    expect(e.autoPlusReview.recall).toBeCloseTo(1 / 3, 9);
    expect(e.sweep.length).toBeGreaterThan(3);
  });
});
