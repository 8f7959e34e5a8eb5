/**
 * Original-mode acknowledgements (ACK): MSH with sender and receiver swapped, MSA with the code and the
 * inbound control id, and one ERR per problem saying where (segment^sequence^field) and what was wrong.
 * The ACK uses the inbound message's delimiters and echoes its version and processing id, so the sender
 * can read it with the settings it sent with. Segments are separated by CR; MLLP framing is the caller's.
 */
import type { InboundProblem } from '../interop/inbound';
import { DEFAULT_DELIMITERS, escapeHl7, type Hl7Delimiters } from './escape';
import { Hl7Message, type Hl7Header, type Hl7ParseResult } from './parse';
import { toHl7Timestamp } from './time';

export type AckCode = 'AA' | 'AE' | 'AR';

export interface AckOptions {
  /** AA accepted, AE error (the sender should fix and resend), AR rejected (not processed at all). */
  code: AckCode;
  /** Problems reported as ERR segments (at most `maxErrors`); default: a failed parse's problem. */
  problems?: readonly InboundProblem[];
  /** Text for MSA-3 (only written for v2.6 and earlier, where the field exists); default the first problem. */
  text?: string;
  /** MSH-10 of the ACK; default a fresh id. */
  controlId?: string;
  /** MSH-7 of the ACK (default now) and the zone it is written in (default 'Asia/Shanghai'). */
  now?: Date;
  timeZone?: string;
  maxErrors?: number;
}

/** HL7 table 0357 codes and English texts for our problem codes. */
const ERRORS: Readonly<Record<string, readonly [code: string, text: string]>> = {
  hl7_required_field_missing: ['101', 'Required field missing'],
  hl7_message_type_missing: ['101', 'Message type (MSH-9) missing'],
  hl7_control_id_missing: ['101', 'Message control id (MSH-10) missing'],
  hl7_segment_missing: ['100', 'Required segment missing'],
  hl7_msh_missing: ['100', 'Message does not start with MSH'],
  hl7_segment_invalid: ['100', 'Invalid or truncated segment name'],
  hl7_batch_not_supported: ['100', 'More than one message in one frame'],
  hl7_date_invalid: ['102', 'Invalid date or timestamp'],
  hl7_delimiters_invalid: ['102', 'Invalid delimiters in MSH-1/MSH-2'],
  hl7_not_text: ['102', 'Message is not valid UTF-8 text'],
  hl7_patient_id_national_only: ['101', 'No hospital patient identifier in PID-3'],
  hl7_merge_same_patient: ['205', 'Merge names the same patient twice'],
  hl7_unsupported_message_type: ['200', 'Unsupported message type'],
  hl7_unsupported_event: ['201', 'Unsupported event code'],
  hl7_unsupported_version: ['203', 'Unsupported version id'],
};
const HL7_ERROR_TEXT: Readonly<Record<string, string>> = {
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '203': 'Unsupported version id',
  '205': 'Duplicate key identifier',
  '207': 'Application internal error',
};

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL_CHARS = /[\x00-\x1F\x7F\uFFFD]/g;

let sequence = 0;

function freshControlId(now: Date): string {
  sequence = (sequence + 1) % 1_679_616; // 36^4
  return `A${now.getTime().toString(36).toUpperCase()}${sequence.toString(36).toUpperCase().padStart(4, '0')}`;
}

/** A human text for a problem: what was wrong, with the safe detail the mapper attached. */
export function problemText(problem: InboundProblem): string {
  const base = ERRORS[problem.message]?.[1] ?? problem.message;
  return problem.detail ? `${base}: ${problem.detail}` : base;
}

/** `where` ('PID-7', 'OBX[3]-14', 'MSH-9', 'PID') as segment, sequence, field, component. */
function location(
  where: string,
): { segment: string; sequence: number; field?: number; component?: number } | undefined {
  const m = /^([A-Z][A-Z0-9]{2})(?:\[(\d+)\])?(?:-(\d+)(?:\.(\d+))?)?$/.exec(where);
  if (!m) return undefined;
  const loc: { segment: string; sequence: number; field?: number; component?: number } = {
    segment: m[1]!,
    sequence: Number(m[2] ?? 1),
  };
  if (m[3] !== undefined) loc.field = Number(m[3]);
  if (m[4] !== undefined) loc.component = Number(m[4]);
  return loc;
}

/** 2.5.1 → [2, 5]. */
function versionNumber(version: string, d: Hl7Delimiters): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(version.split(d.component)[0] ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [2, 5];
}

function atLeast(v: [number, number], major: number, minor: number): boolean {
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

/**
 * Build the ACK for a message, its header, or a parse result (a failed parse still has a header when its
 * MSH was readable; without one the ACK has default delimiters, version 2.5 and an empty MSA-2).
 */
export function buildAck(
  inbound: Hl7Message | Hl7Header | Hl7ParseResult | undefined,
  options: AckOptions,
): string {
  let header: Hl7Header | undefined;
  let parseProblem: InboundProblem | undefined;
  if (inbound instanceof Hl7Message) header = inbound.header;
  else if (inbound && 'ok' in inbound) {
    if (inbound.ok) header = inbound.value.header;
    else {
      header = inbound.header;
      parseProblem = inbound.problem;
    }
  } else header = inbound;

  const d = header?.delimiters ?? DEFAULT_DELIMITERS;
  // Echoed values come from the inbound MSH as received; control characters there would break the ACK.
  const echo = (raw: string | undefined): string => (raw ?? '').replace(CONTROL_CHARS, '');
  const f = d.field;
  // U+FFFD marks undecodable input; the receiver's parser would take it for a broken message.
  const esc = (s: string): string => escapeHl7(s.replace(/\uFFFD/g, '?'), d);
  const now = options.now ?? new Date();
  const rawVersion = echo(header?.version) || '2.5';
  const version = versionNumber(rawVersion, d);
  const problems = options.problems ?? (parseProblem ? [parseProblem] : []);
  const trigger = header?.messageType.trigger ?? '';

  const messageType = trigger
    ? `ACK${d.component}${esc(trigger)}${atLeast(version, 2, 4) ? `${d.component}ACK` : ''}`
    : 'ACK';
  const encoding = `${d.component}${d.repetition}${d.escape}${d.subcomponent}${d.truncation ?? ''}`;
  const msh = [
    'MSH',
    encoding,
    echo(header?.receivingApplication),
    echo(header?.receivingFacility),
    echo(header?.sendingApplication),
    echo(header?.sendingFacility),
    toHl7Timestamp(now, options.timeZone ?? 'Asia/Shanghai'),
    '',
    messageType,
    esc(options.controlId ?? freshControlId(now)),
    echo(header?.processingId) || 'P',
    rawVersion,
  ].join(f);

  const msa = ['MSA', options.code, echo(header?.controlId)];
  const msaText = options.text ?? (problems[0] ? problemText(problems[0]) : undefined);
  if (msaText && options.code !== 'AA' && !atLeast(version, 2, 7)) msa.push(esc(msaText));

  const segments = [msh, msa.join(f)];
  const severity = options.code === 'AA' ? 'W' : 'E';
  for (const problem of problems.slice(0, options.maxErrors ?? 20)) {
    const [code] = ERRORS[problem.message] ?? ['207'];
    const hl7Text = HL7_ERROR_TEXT[code] ?? '';
    const loc = location(problem.where);
    const text = problemText(problem);
    if (atLeast(version, 2, 5)) {
      const erl = loc
        ? [loc.segment, String(loc.sequence), loc.field ?? '', '', loc.component ?? '']
            .join(d.component)
            .replace(new RegExp(`${escapeRegExp(d.component)}+$`), '')
        : '';
      segments.push(
        [
          'ERR',
          '',
          erl,
          [code, esc(hl7Text), 'HL70357'].join(d.component),
          severity,
          esc(problem.message),
          '',
          '',
          esc(text),
        ].join(f),
      );
    } else {
      const s = d.subcomponent;
      const eld = [
        loc?.segment ?? '',
        loc ? String(loc.sequence) : '',
        loc?.field ?? '',
        [code, esc(text), 'HL70357'].join(s),
      ];
      segments.push(['ERR', eld.join(d.component)].join(f));
    }
  }
  return segments.join('\r');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
