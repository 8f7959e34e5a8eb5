import type { MatchRecord } from './record';

/** A record whose true identity is known: evaluation data. */
export interface LabelledRecord extends MatchRecord {
  recId: string;
  /** Records of the same person share this label. */
  trueEntity: string;
}

/**
 * Split CSV text into rows of fields. FEBRL files have no quotes, but quoted fields ("a, b", "say ""hi""")
 * are handled so that a hospital's own export in the same layout also reads. CRLF and LF line ends.
 */
export function splitCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

/** rec-123-org, rec-123-dup-0 → '123'. */
const REC_ID = /^rec-(\d+)-(?:org|dup-\d+)$/;

/** YYYYMMDD → YYYY-MM-DD (kept even when not a real date: a typo'd date still matches component-wise). */
function febrlDate(s: string): string | undefined {
  return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : undefined;
}

/**
 * Parse a FEBRL data set (header rec_id, given_name, surname, street_number, address_1, address_2, suburb,
 * postcode, state, date_of_birth, soc_sec_id; spaces after commas). soc_sec_id becomes a clear ID number;
 * address_1 and address_2 become the street detail; suburb the locality; state the province.
 */
export function parseFebrlCsv(text: string): { records: LabelledRecord[] } {
  const rows = splitCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`FEBRL file has no ${name} column`);
    return i;
  };
  const c = {
    recId: col('rec_id'),
    given: col('given_name'),
    surname: col('surname'),
    number: col('street_number'),
    address1: col('address_1'),
    address2: col('address_2'),
    suburb: col('suburb'),
    postcode: col('postcode'),
    state: col('state'),
    dob: col('date_of_birth'),
    ssid: col('soc_sec_id'),
  };
  const records: LabelledRecord[] = [];
  for (const row of rows.slice(1)) {
    const get = (i: number): string | undefined => {
      const v = row[i]?.trim();
      return v ? v : undefined;
    };
    const recId = get(c.recId);
    if (recId === undefined) continue;
    const detail = [get(c.address1), get(c.address2)].filter((s) => s !== undefined).join(' ');
    const rec: LabelledRecord = {
      recId,
      trueEntity: REC_ID.exec(recId)?.[1] ?? recId,
      address: {},
    };
    const given = get(c.given);
    if (given !== undefined) rec.givenName = given;
    const family = get(c.surname);
    if (family !== undefined) rec.familyName = family;
    const dob = febrlDate(get(c.dob) ?? '');
    if (dob !== undefined) rec.birthDate = dob;
    const ssid = get(c.ssid);
    if (ssid !== undefined) {
      rec.idNumber = ssid;
      rec.idClear = true;
    }
    const address = rec.address ?? {};
    const number = get(c.number);
    if (number !== undefined) address.streetNumber = number;
    if (detail !== '') address.detail = detail;
    const suburb = get(c.suburb);
    if (suburb !== undefined) address.locality = suburb;
    const postcode = get(c.postcode);
    if (postcode !== undefined) address.postcode = postcode;
    const state = get(c.state);
    if (state !== undefined) address.province = state;
    records.push(rec);
  }
  return { records };
}
