import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InboundRecord, MappedInput } from '../interop/inbound';
import { buildAck } from './ack';
import { parseHl7 } from './parse';
import { hl7ToInbound } from './to-inbound';

// Shared test data (never copied into the repository): ../shared/data/hl7v2 from the repository root.
const DATA = new URL('../../../../../shared/data/hl7v2/', import.meta.url);
const files = readdirSync(DATA)
  .filter((f) => f.endsWith('.hl7'))
  .sort();
const read = (file: string): string => readFileSync(new URL(file, DATA), 'utf8');
const OPTIONS = { today: '2025-06-01' };

function mapFile(file: string): MappedInput {
  return hl7ToInbound(parseHl7(read(file)), OPTIONS);
}

function ofType<T extends InboundRecord['type']>(out: MappedInput, type: T) {
  return out.records.filter((r): r is Extract<InboundRecord, { type: T }> => r.type === type);
}

describe('HL7 v2 shared sample messages', () => {
  it('parses and maps every file without throwing; prints a summary per message type', () => {
    expect(files.length).toBeGreaterThan(100);
    const summary = new Map<
      string,
      { files: number; records: Record<string, number>; problems: number; unsupported: number }
    >();
    for (const file of files) {
      const text = read(file);
      const parsed = parseHl7(text);
      const out = hl7ToInbound(parsed, OPTIONS);
      expect(() =>
        buildAck(parsed, { code: out.problems.length ? 'AE' : 'AA', problems: out.problems }),
      ).not.toThrow();
      const type = parsed.ok
        ? `${parsed.value.messageType.code}^${parsed.value.messageType.trigger}`
        : 'unparsed';
      const row = summary.get(type) ?? { files: 0, records: {}, problems: 0, unsupported: 0 };
      row.files++;
      for (const r of out.records) row.records[r.type] = (row.records[r.type] ?? 0) + 1;
      row.problems += out.problems.length;
      row.unsupported += Object.values(out.unsupported).reduce((a, b) => a + b, 0);
      summary.set(type, row);
    }
    const lines = [...summary.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([type, r]) =>
          `${type.padEnd(9)} files=${String(r.files).padStart(2)} problems=${r.problems} unsupported=${r.unsupported} ` +
          `records=${Object.entries(r.records)
            .map(([k, v]) => `${k}:${v}`)
            .join(',')}`,
      );
    console.log(`HL7 v2 samples (${files.length} files)\n${lines.join('\n')}`);
    expect(summary.has('unparsed')).toBe(false);
  });

  it('ORU^R01 (NIST LRI CBC): numeric results with units, ranges and abnormal flags', () => {
    const out = mapFile('LRI_2.0-NG_CBC_Typ_Message.hl7');
    expect(out.problems).toEqual([]);
    const [patient] = ofType(out, 'patient');
    expect(patient).toMatchObject({
      source: { system: 'NIST Test Lab APP@NIST Lab Facility', id: 'MR:NIST MPI:PATID1234' },
      name: 'William A Jones',
      gender: 'male',
      birthDate: '1961-06-15',
    });
    const results = ofType(out, 'result');
    expect(results).toHaveLength(28);
    const byCode = new Map(results.map((r) => [r.code, r]));
    expect(byCode.get('26453-1')).toEqual({
      type: 'result',
      source: { system: 'NIST Test Lab APP@NIST Lab Facility', id: 'ORD:NIST Lab Filler:R-991133:26453-1' },
      patient: patient!.source,
      kind: 'lab',
      code: '26453-1',
      name: 'Erythrocytes [#/volume] in Blood',
      valueNumeric: 4.41,
      unit: '10*6/uL',
      referenceText: '4.3 to 6.2',
      referenceLow: 4.3,
      referenceHigh: 6.2,
      abnormalFlag: 'N',
      releasedAt: '2011-01-03T14:34:28-08:00',
    });
    expect(byCode.get('718-7')).toMatchObject({ valueNumeric: 12.5, abnormalFlag: 'L' });
    expect(byCode.get('26464-8')).toMatchObject({
      valueNumeric: 105600,
      abnormalFlag: 'HH',
      referenceHigh: 10800,
    });
    expect(byCode.get('38892-6')).toMatchObject({ valueText: 'Present ++ out of ++++', abnormalFlag: 'A' });
    expect(byCode.get('6742-1')).toMatchObject({ valueText: 'Many spherocytes present.', abnormalFlag: 'A' });
  });

  it('ORU^R01 v2.4: a structured numeric (SN) value and an underscore range', () => {
    const [result] = ofType(mapFile('ORU-R01-RMGEAD.hl7'), 'result');
    expect(result).toMatchObject({
      code: '1554-5',
      name: 'GLUCOSE',
      valueNumeric: 182,
      unit: 'mg/dl',
      referenceLow: 70,
      referenceHigh: 105,
      abnormalFlag: 'H',
      releasedAt: '2002-02-15T07:30:00+06:00',
    });
  });

  it('ADT^A01 v2.3 with a byte-order mark: patient and inpatient encounter', () => {
    const out = mapFile('ADT01-23.hl7');
    expect(out.problems).toEqual([]);
    expect(ofType(out, 'patient')[0]).toEqual({
      type: 'patient',
      source: { system: 'AccMgr@1', id: 'MR:1:10006579' },
      name: 'DONALD D DUCK',
      familyName: 'DUCK',
      givenName: 'DONALD',
      gender: 'male',
      birthDate: '1924-10-10',
      phones: [{ kind: 'home', number: '8885551212' }],
      identifiers: [{ kind: 'mrn', system: '1', value: '10006579' }],
      address: { detail: '111 DUCK ST', city: 'FOWL', province: 'CA', postcode: '999990000' },
      preferredLanguage: '1',
    });
    expect(ofType(out, 'encounter')).toEqual([
      {
        type: 'encounter',
        source: { system: 'AccMgr@1', id: 'VN:AccMgr:40007716' },
        patient: { system: 'AccMgr@1', id: 'MR:1:10006579' },
        kind: 'inpatient',
        status: 'in_progress',
        startAt: '2005-01-10T04:55:02+07:00',
        department: { code: '01' },
        practitioner: { code: '37', name: 'WALT DISNEY' },
      },
    ]);
  });

  it('ADT^A01 v2.8: the SSN in PID-3 is dropped, the MR number keys the patient', () => {
    const out = mapFile('ADT-A01-01.hl7');
    const [patient] = ofType(out, 'patient');
    expect(patient).toMatchObject({
      source: { id: 'MR:test1:PATID1234' },
      identifiers: [{ kind: 'mrn', system: 'test1', value: 'PATID1234' }],
      name: 'ADAM A EVERYMAN',
      birthDate: '1988-08-18',
    });
    expect(patient).not.toHaveProperty('idCard');
    expect(JSON.stringify(out)).not.toContain('123456789');
  });

  it('ADT^A03: discharge ends the encounter', () => {
    const [encounter] = ofType(mapFile('ADT-A03-01.hl7'), 'encounter');
    expect(encounter).toMatchObject({ status: 'finished' });
    expect(Date.parse(encounter!.endAt!)).toBeGreaterThanOrEqual(Date.parse(encounter!.startAt));
  });

  it('ADT^A40: MRG-1 is retired into the PID-3 survivor', () => {
    const out = mapFile('ADT-A40-01.hl7');
    expect(out.problems).toEqual([]);
    expect(ofType(out, 'merge')).toEqual([
      {
        type: 'merge',
        source: { system: 'Ntierprise@Ntierprise Clinic', id: 'msg:8919-40:merge:MR:BCBS:56789' },
        survivor: { system: 'Ntierprise@Ntierprise Clinic', id: 'MR:BCBS:12345' },
        retired: { system: 'Ntierprise@Ntierprise Clinic', id: 'MR:BCBS:56789' },
      },
    ]);
    expect(ofType(mapFile('ADT-A40-02.hl7'), 'merge')).toHaveLength(2);
  });

  it('SIU^S12/S15/S26: booked, cancelled, no-show, timed by TQ1', () => {
    const booked = mapFile('SIU-S12-01.hl7');
    expect(booked.problems).toEqual([]);
    expect(ofType(booked, 'appointment')).toEqual([
      {
        type: 'appointment',
        source: { system: 'SCHApp@GHHSFacility', id: 'APPT:36996' },
        patient: { system: 'SCHApp@GHHSFacility', id: 'MR:test1:PATID1234' },
        status: 'booked',
        startAt: '2021-09-24T09:30:00+02:15',
        endAt: '2021-09-24T10:20:00+02:15',
        department: { code: '055' },
        practitioner: { code: '1210', name: 'Robert C GE' },
        reason: 'EMERGENCY',
      },
    ]);
    expect(ofType(mapFile('SIU-S15-01.hl7'), 'appointment')[0]!.status).toBe('cancelled');
    expect(ofType(mapFile('SIU-S26-01.hl7'), 'appointment')[0]!.status).toBe('no_show');
  });

  it('goes by MSH-9, not the file name: SIU_12.hl7 is an unsupported ADT^A60', () => {
    expect(mapFile('SIU_12.hl7')).toEqual({ records: [], problems: [], unsupported: { 'ADT^A60': 1 } });
    expect(mapFile('MDM_01.hl7').records.map((r) => r.type)).toEqual(['patient', 'encounter']);
  });

  it('parses and maps typical ADT messages fast (target ≥ 20,000/s on one core)', () => {
    const templates = files
      .filter((f) => /^ADT/.test(f))
      .map(read)
      .filter((t) => t.length < 3000);
    // Distinct control ids and timestamps, as a real feed has.
    const messages: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = templates[i % templates.length]!;
      const minute = String(i % 60).padStart(2, '0');
      messages.push(
        t.replace(/\|(\d{10})\d{2}/, `|$1${minute}`).replace(/(\|[A-Z]{3}\^A\d\d[^|]*\|)([^|]*)/, `$1C${i}`),
      );
    }
    for (const m of messages) hl7ToInbound(parseHl7(m), OPTIONS); // warm up
    const rounds = 10;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let records = 0;
    for (let r = 0; r < rounds; r++)
      for (const m of messages) records += hl7ToInbound(parseHl7(m), OPTIONS).records.length;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const n = rounds * messages.length;
    const wallRate = Math.round(n / seconds);
    const cpuRate = Math.round(n / ((cpu.user + cpu.system) / 1e6));
    const avgBytes = Math.round(messages.reduce((a, m) => a + m.length, 0) / messages.length);
    console.log(
      `HL7 parse+map: ${n} ADT messages (avg ${avgBytes} chars): ${wallRate}/s wall, ${cpuRate}/s per CPU-second`,
    );
    expect(records).toBeGreaterThan(n);
    // Loose: test workers share the machine; CPU time is the steadier measure of the single-core rate.
    expect(Math.max(wallRate, cpuRate)).toBeGreaterThanOrEqual(5_000);
  });
});
