import { describe, expect, it } from 'vitest';
import { buildAck } from './ack';
import { parseHl7 } from './parse';

const NOW = new Date('2025-03-01T00:30:00Z');

function segments(ack: string): string[] {
  return ack.split('\r');
}

describe('buildAck', () => {
  it('AA: swaps sender and receiver, echoes control id, version and processing id', () => {
    const inbound = parseHl7(
      'MSH|^~\\&|HIS|HOSP^1.2&x^ISO|CRM|CB|20250301||ADT^A01^ADT_A01|MSG42|T|2.8\rPID|1',
    );
    const ack = buildAck(inbound, { code: 'AA', now: NOW, controlId: 'ACK1' });
    expect(segments(ack)).toEqual([
      'MSH|^~\\&|CRM|CB|HIS|HOSP^1.2&x^ISO|20250301083000+0800||ACK^A01^ACK|ACK1|T|2.8',
      'MSA|AA|MSG42',
    ]);
    const reparsed = parseHl7(ack);
    expect(reparsed.ok && reparsed.value.get('MSA-2')).toBe('MSG42');
  });

  it('AE (v2.5+): one ERR per problem with location, HL7 error code, our code and an escaped text', () => {
    const inbound = parseHl7('MSH|^~\\&|HIS|H|CRM|CB|20250301||ADT^A01|M1|P|2.5.1\rPID|1');
    const ack = buildAck(inbound, {
      code: 'AE',
      now: NOW,
      controlId: 'A2',
      problems: [
        { where: 'PID-7', message: 'hl7_date_invalid', detail: '1999|13^40' },
        { where: 'OBX[3]-3', message: 'hl7_required_field_missing' },
        { where: 'segment 4', message: 'something_else' },
      ],
    });
    const lines = segments(ack);
    expect(lines[1]).toBe('MSA|AE|M1|Invalid date or timestamp: 1999\\F\\13\\S\\40');
    expect(lines[2]).toBe(
      'ERR||PID^1^7|102^Data type error^HL70357|E|hl7_date_invalid|||Invalid date or timestamp: 1999\\F\\13\\S\\40',
    );
    expect(lines[3]).toBe(
      'ERR||OBX^3^3|101^Required field missing^HL70357|E|hl7_required_field_missing|||Required field missing',
    );
    expect(lines[4]).toBe('ERR|||207^Application internal error^HL70357|E|something_else|||something_else');
    const parsed = parseHl7(ack);
    expect(parsed.ok && parsed.value.get('ERR-8')).toBe('Invalid date or timestamp: 1999|13^40');
  });

  it('v2.3/2.4: ERR-1 carries segment^sequence^field^code&text, and no MSH-9.3', () => {
    const inbound = parseHl7('MSH|^~\\&|HIS|H|CRM|CB|20250301||ADT^A04|M3|P|2.3\rPID|1');
    const ack = buildAck(inbound, {
      code: 'AE',
      now: NOW,
      controlId: 'A3',
      problems: [{ where: 'PID-3', message: 'hl7_required_field_missing' }],
    });
    expect(segments(ack)).toEqual([
      'MSH|^~\\&|CRM|CB|HIS|H|20250301083000+0800||ACK^A04|A3|P|2.3',
      'MSA|AE|M3|Required field missing',
      'ERR|PID^1^3^101&Required field missing&HL70357',
    ]);
  });

  it('v2.7+: no MSA-3; the ACK keeps the inbound delimiters', () => {
    const inbound = parseHl7('MSH*$@!%#*HIS*H*CRM*CB*20250301**SIU$S12*M4*P*2.8\rSCH*1');
    const ack = buildAck(inbound, {
      code: 'AR',
      now: NOW,
      controlId: 'A4',
      problems: [{ where: 'SCH-2', message: 'hl7_required_field_missing', detail: 'a*b$c' }],
    });
    expect(segments(ack)).toEqual([
      'MSH*$@!%#*CRM*CB*HIS*H*20250301083000+0800**ACK$S12$ACK*A4*P*2.8',
      'MSA*AR*M4',
      'ERR**SCH$1$2*101$Required field missing$HL70357*E*hl7_required_field_missing***Required field missing: a!F!b!S!c',
    ]);
  });

  it('answers a message that did not parse, with its header when MSH was readable', () => {
    const withHeader = buildAck(parseHl7('MSH|^~\\&|HIS|H|CRM|CB|2025||ADT^A01|M5|P|2.5\rP|x'), {
      code: 'AR',
      now: NOW,
      controlId: 'A5',
    });
    expect(segments(withHeader)).toEqual([
      'MSH|^~\\&|CRM|CB|HIS|H|20250301083000+0800||ACK^A01^ACK|A5|P|2.5',
      'MSA|AR|M5|Invalid or truncated segment name',
      'ERR|||100^Segment sequence error^HL70357|E|hl7_segment_invalid|||Invalid or truncated segment name',
    ]);
    const blind = buildAck(parseHl7('hello'), { code: 'AR', now: NOW, controlId: 'A6' });
    expect(segments(blind)).toEqual([
      'MSH|^~\\&|||||20250301083000+0800||ACK|A6|P|2.5',
      'MSA|AR||Message does not start with MSH',
      'ERR||MSH^1|100^Segment sequence error^HL70357|E|hl7_msh_missing|||Message does not start with MSH',
    ]);
    expect(buildAck(undefined, { code: 'AA', now: NOW, controlId: 'A7' })).toContain('MSA|AA|');
  });

  it('makes a fresh control id when none is given', () => {
    const inbound = parseHl7('MSH|^~\\&|HIS|H|CRM|CB|2025||ADT^A01|M5|P|2.5');
    const a = parseHl7(buildAck(inbound, { code: 'AA' }));
    const b = parseHl7(buildAck(inbound, { code: 'AA' }));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.value.controlId).not.toBe(b.value.controlId);
      expect(a.value.controlId.length).toBeLessThanOrEqual(20);
    }
  });
});
