/** HL7 v2: parsing, acknowledgements and mapping onto the inbound model. Pure; MLLP lives in the server. */
export { DEFAULT_DELIMITERS, escapeHl7, unescapeHl7, type Hl7Delimiters } from './escape';
export {
  Hl7Field,
  Hl7Message,
  Hl7Repetition,
  Hl7Segment,
  parseHl7,
  type Hl7GetOptions,
  type Hl7Header,
  type Hl7MessageType,
  type Hl7ParseResult,
} from './parse';
export { buildAck, problemText, type AckCode, type AckOptions } from './ack';
export {
  ABNORMAL_FLAGS,
  ADT_EVENTS,
  hl7ToInbound,
  parseReferenceRange,
  type Hl7ToInboundOptions,
} from './to-inbound';
export {
  formatInstant,
  hl7Date,
  hl7Instant,
  localToInstant,
  offsetAt,
  parseHl7DateTime,
  toHl7Timestamp,
  type Hl7DateTime,
  type WallClock,
} from './time';
