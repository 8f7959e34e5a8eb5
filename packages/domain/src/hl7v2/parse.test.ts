import { describe, expect, it } from 'vitest';
import { escapeHl7, unescapeHl7 } from './escape';
import { parseHl7, type Hl7Message } from './parse';

const SEGMENTS = [
  'MSH|^~\\&|HIS|HOSP|CRM|CB|20240301083000||ADT^A01^ADT_A01|CTRL1|P|2.5',
  'EVN|A01|20240301083000',
  'PID|1||12345^^^HOSP^MR~11010519491231002X^^^CHN^NNCHN||张^三||19491231|M|||北京路1号^^广州市^广东省^510000',
  'PV1|1|I|W1^101^1',
];

function ok(text: string): Hl7Message {
  const result = parseHl7(text);
  if (!result.ok) throw new Error(`parse failed: ${JSON.stringify(result.problem)}`);
  return result.value;
}

describe('parseHl7', () => {
  it('reads MSH with its numbering quirk: MSH-1 is the field separator, MSH-2 the encoding characters', () => {
    const msg = ok(SEGMENTS.join('\r'));
    expect(msg.get('MSH-1')).toBe('|');
    expect(msg.get('MSH-2')).toBe('^~\\&');
    expect(msg.get('MSH-3')).toBe('HIS');
    expect(msg.get('MSH-9.1')).toBe('ADT');
    expect(msg.get('MSH-9.2')).toBe('A01');
    expect(msg.messageType).toEqual({ code: 'ADT', trigger: 'A01', structure: 'ADT_A01' });
    expect(msg.controlId).toBe('CTRL1');
    expect(msg.version).toBe('2.5');
    expect(msg.segment('MSH')!.field(2).repetitions).toHaveLength(1);
    expect(msg.header).toMatchObject({
      sendingApplication: 'HIS',
      receivingFacility: 'CB',
      controlId: 'CTRL1',
    });
  });

  it('gives fields, components, repetitions and segments', () => {
    const msg = ok(SEGMENTS.join('\r'));
    expect(msg.get('PID-5.1')).toBe('张');
    expect(msg.get('PID-5.2')).toBe('三');
    expect(msg.get('PID-5')).toBe('张');
    expect(msg.get('PID-3')).toBe('12345');
    expect(msg.get('PID-3.5', { repetition: 1 })).toBe('NNCHN');
    expect(msg.get('PID-3', { repetition: 2 })).toBeUndefined();
    const pid3 = msg.field('PID-3')!;
    expect(pid3.repetitions.map((r) => r.component(1))).toEqual(['12345', '11010519491231002X']);
    expect(pid3.repetitions[0]!.components).toEqual(['12345', '', '', 'HOSP', 'MR']);
    expect(msg.segments('PID')).toHaveLength(1);
    expect(msg.segments().map((s) => s.name)).toEqual(['MSH', 'EVN', 'PID', 'PV1']);
    expect(msg.get('PV1-3.2')).toBe('101');
    expect(msg.get('ZZZ-1')).toBeUndefined();
    expect(msg.get('PID-99')).toBeUndefined();
    expect(msg.segment('PID')!.get('11.3')).toBe('广州市');
    expect(() => msg.get('PID5')).toThrow(RangeError);
  });

  it('reads subcomponents and counts segment occurrences', () => {
    const msg = ok(
      ['MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5', 'OBX|1|NM|A&B&C^x', 'OBX|2|ST|Z', 'OBX|3|ST|Y'].join(
        '\r',
      ),
    );
    expect(msg.get('OBX-3.1.2')).toBe('B');
    expect(msg.get('OBX-3.1.3')).toBe('C');
    expect(msg.get('OBX-3.2')).toBe('x');
    expect(msg.get('OBX-3', { occurrence: 2 })).toBe('Y');
    expect(msg.segments('OBX').map((s) => s.occurrence)).toEqual([1, 2, 3]);
  });

  it('treats empty values and the HL7 null "" as absent', () => {
    const msg = ok('MSH|^~\\&|A|B|C|D|20240101||ADT^A08|1|P|2.5\rPID|1||""|x||^^');
    expect(msg.get('PID-3')).toBeUndefined();
    expect(msg.field('PID-3')!.isNull).toBe(true);
    expect(msg.get('PID-5.2')).toBeUndefined();
    expect(msg.get('PID-2')).toBeUndefined();
    expect(msg.field('PID-2')!.isEmpty).toBe(true);
  });

  it('decodes escape sequences in accessors', () => {
    const msg = ok(
      'MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\r' +
        'OBX|1|FT|C||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\.br\\g\\H\\bold\\N\\ \\XE5BCA0\\ \\X41\\ \\Zfoo\\ \\unknown\\',
    );
    expect(msg.get('OBX-5')).toBe('a|b^c&d~e\\f\ngbold 张 A  \\unknown\\');
  });

  it('accepts CR, LF, CRLF and a mix of them, and a byte-order mark', () => {
    const expected = ok(SEGMENTS.join('\r'));
    for (const text of [
      SEGMENTS.join('\n'),
      SEGMENTS.join('\r\n'),
      `${SEGMENTS[0]}\r\n${SEGMENTS[1]}\n${SEGMENTS[2]}\r${SEGMENTS[3]}\r\n\r\n`,
      `\uFEFF${SEGMENTS.join('\n')}\n`,
      `\n\n${SEGMENTS.join('\r')}`,
    ]) {
      const msg = ok(text);
      expect(msg.segments().map((s) => s.raw)).toEqual(expected.segments().map((s) => s.raw));
      expect(msg.get('PID-5.2')).toBe('三');
    }
  });

  it('takes its delimiters from MSH-1/MSH-2, including a v2.7 truncation character', () => {
    const star = ok(
      'MSH*$@!%*APP*FAC*R*RF*20240101**ADT$A01*9*P*2.3\rPID*1**7$$$H$MR@8$$$H$CARD**Li$Lei*x%y',
    );
    expect(star.delimiters).toEqual({
      field: '*',
      component: '$',
      repetition: '@',
      escape: '!',
      subcomponent: '%',
    });
    expect(star.get('MSH-9.2')).toBe('A01');
    expect(star.get('PID-3.5', { repetition: 1 })).toBe('CARD');
    expect(star.get('PID-5.2')).toBe('Lei');
    expect(star.get('PID-6.1.2')).toBe('y');

    const trunc = ok('MSH|^~\\&#|A|B|C|D|20240101||ADT^A01|1|P|2.7\rPID|1||1^^^H^MR||A#B\\P\\C^X');
    expect(trunc.delimiters.truncation).toBe('#');
    expect(trunc.get('MSH-2')).toBe('^~\\&#');
    expect(trunc.get('PID-5.1')).toBe('A#B#C');
  });

  it('returns problems instead of throwing', () => {
    const cases: [string, string, string][] = [
      ['', 'MSH', 'hl7_msh_missing'],
      ['PID|1||1', 'MSH', 'hl7_msh_missing'],
      ['MSH|^~|A', 'MSH-2', 'hl7_delimiters_invalid'],
      ['MSH|^^\\&|A', 'MSH-2', 'hl7_delimiters_invalid'],
      ['MSHA^~\\&A', 'MSH-2', 'hl7_delimiters_invalid'],
      ['MSH|^~\\&|A|B|C|D|2024||', 'MSH-9', 'hl7_message_type_missing'],
      ['MSH|^~\\&|A|B|C|D|2024||^A01|1', 'MSH-9', 'hl7_message_type_missing'],
      ['MSH|^~\\&|A|B|C|D|2024||ADT^A01||P|2.5', 'MSH-10', 'hl7_control_id_missing'],
      ['MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rPI|1', 'segment 2', 'hl7_segment_invalid'],
      ['MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rpid|1', 'segment 2', 'hl7_segment_invalid'],
      ['MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rPIDX|1', 'segment 2', 'hl7_segment_invalid'],
      ['MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rPID|1\u0000', 'message', 'hl7_not_text'],
      ['MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rPID|\uFFFD', 'message', 'hl7_not_text'],
      ['MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.5\rMSH|^~\\&|A', 'segment 2', 'hl7_batch_not_supported'],
    ];
    for (const [text, where, message] of cases) {
      const result = parseHl7(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.problem, text).toEqual({ where, message });
    }
    expect(parseHl7(42 as unknown as string)).toMatchObject({
      ok: false,
      problem: { message: 'hl7_not_text' },
    });
  });

  it('keeps the header of a message it rejects after MSH, for the ACK', () => {
    const result = parseHl7('MSH|^~\\&|A|B|C|D|2024||ADT^A01|C9|P|2.4\rPI|1');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.header).toMatchObject({ controlId: 'C9', version: '2.4', sendingApplication: 'A' });
  });
});

describe('escapes', () => {
  it('escapes every delimiter and line breaks, and decodes them back', () => {
    const d = {
      field: '|',
      component: '^',
      repetition: '~',
      escape: '\\',
      subcomponent: '&',
      truncation: '#',
    };
    expect(escapeHl7('a|b^c~d\\e&f#g\nh\r\ni\tj', d)).toBe(
      'a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f\\P\\g\\.br\\h\\.br\\i\\X09\\j',
    );
    expect(unescapeHl7(escapeHl7('a|b^c~d\\e&f#g\nh\ti', d), d)).toBe('a|b^c~d\\e&f#g\nh\ti');
    expect(escapeHl7('plain')).toBe('plain');
    expect(unescapeHl7('no escapes')).toBe('no escapes');
    expect(unescapeHl7('\\.sp 2\\x\\.in 4\\\\.ce\\y\\.sk 3\\z')).toBe('\n\nxy z');
    expect(unescapeHl7('dangling \\F')).toBe('dangling \\F');
    expect(unescapeHl7('\\X4\\ \\XZZ\\ \\C2842\\ok')).toBe('\\X4\\ \\XZZ\\ ok');
  });
});
