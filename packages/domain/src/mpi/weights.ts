import { compareFeatures, type FieldLevel, type FieldLevels, type MatchField } from './compare';
import { normaliseForMatch, type MatchFeatures, type MatchRecord } from './record';

/**
 * Fellegi–Sunter weights. For each field level, m = P(level | same person) and u = P(level | different
 * people); the level's weight is log2(m/u), in bits, and a pair's score is the sum over fields (fields
 * are treated as independent given match status, which is why correlated address parts are one field).
 * A missing value weighs 0: no evidence either way.
 */
export interface LevelProbabilities {
  m: number;
  u: number;
}

export type FieldProbabilities<F extends MatchField> = Record<
  Exclude<FieldLevel<F>, 'missing'>,
  LevelProbabilities
>;

export type MatchFieldProbabilities = { [F in MatchField]: FieldProbabilities<F> };

export interface MatchThresholds {
  /** Scores at or above: merge automatically. */
  upper: number;
  /** Scores at or above (and below `upper`): put in the review queue. Below: a new patient. */
  lower: number;
}

export interface MatchParams {
  fields: MatchFieldProbabilities;
  /**
   * Han names are used instead of `fields.familyName/givenName` when both sides are Han: a few surnames
   * cover most people (王, 李, 张 ≈ 20%), so surname agreement says much less than among Latin names,
   * while homophones are the usual input-method typo.
   */
  hanNames: Pick<MatchFieldProbabilities, 'familyName' | 'givenName'>;
  thresholds: MatchThresholds;
  /** The score given to a pair that a deterministic rule declares the same person (at least `upper`). */
  certainScore: number;
}

export type MatchClass = 'auto_merge' | 'review' | 'new';

/** The deterministic rules that settle a pair whatever the other fields say. */
export type MatchRule = 'same_id_and_birth_date' | 'same_phone_name_and_birth_date';

export interface FieldScore {
  field: MatchField;
  level: FieldLevel;
  /** log2(m/u) in bits; 0 for missing values. */
  weight: number;
}

export interface PairScore {
  /** Sum of the field weights, raised to `certainScore` when a deterministic rule fired. */
  score: number;
  /** The plain sum of the field weights. */
  rawScore: number;
  rule?: MatchRule;
  /** Per-field breakdown shown to staff in the review queue. */
  fields: FieldScore[];
}

/*
 * Default probabilities. They are stated from what is known about patient registers, not fitted to any
 * test file:
 * - u of exact agreement ≈ the chance two random people share the value: Σ frequency² of the values
 *   (Western surnames ≈ 0.003, given names ≈ 0.005; a birth date ≈ 1/(70·365) ≈ 5e-5; a national ID ≈ 0
 *   except by error; a phone ≈ 1e-4 because family members share one).
 * - m reflects how often the same person's value is recorded differently: typos (close/similar levels,
 *   one-edit IDs, one date component), name changes at marriage (disagree), moves (address disagree
 *   is common among true matches, so it weighs little).
 */
export const DEFAULT_MATCH_PARAMS: MatchParams = {
  fields: {
    familyName: {
      exact: { m: 0.82, u: 0.003 },
      homophone: { m: 0.03, u: 0.001 },
      close: { m: 0.06, u: 0.002 },
      similar: { m: 0.03, u: 0.01 },
      swapped: { m: 0.01, u: 0.0002 },
      disagree: { m: 0.05, u: 0.98 },
    },
    givenName: {
      exact: { m: 0.8, u: 0.005 },
      homophone: { m: 0.03, u: 0.001 },
      close: { m: 0.06, u: 0.003 },
      similar: { m: 0.04, u: 0.012 },
      swapped: { m: 0.01, u: 0.0002 },
      disagree: { m: 0.06, u: 0.97 },
    },
    birthDate: {
      exact: { m: 0.88, u: 5e-5 },
      transposed: { m: 0.01, u: 3e-5 },
      one_differs: { m: 0.08, u: 0.005 },
      disagree: { m: 0.03, u: 0.995 },
    },
    gender: {
      agree: { m: 0.97, u: 0.5 },
      disagree: { m: 0.03, u: 0.5 },
    },
    idNumber: {
      exact: { m: 0.9, u: 1e-6 },
      one_edit: { m: 0.08, u: 2e-5 },
      // A clearly different national ID is strong evidence against, not proof: wrong documents get scanned.
      disagree: { m: 0.02, u: 0.99998 },
    },
    phone: {
      agree: { m: 0.6, u: 1e-4 },
      disagree: { m: 0.4, u: 0.9999 },
    },
    area: {
      agree: { m: 0.75, u: 0.01 },
      partial: { m: 0.08, u: 0.01 },
      region_agree: { m: 0.9, u: 0.2 },
      region_only: { m: 0.07, u: 0.15 },
      disagree: { m: 0.1, u: 0.83 },
    },
    street: {
      agree: { m: 0.7, u: 0.002 },
      partial: { m: 0.12, u: 0.01 },
      disagree: { m: 0.18, u: 0.988 },
    },
  },
  hanNames: {
    familyName: {
      exact: { m: 0.9, u: 0.03 },
      homophone: { m: 0.03, u: 0.01 },
      close: { m: 0.01, u: 0.02 },
      similar: { m: 0.01, u: 0.03 },
      swapped: { m: 0.005, u: 0.0005 },
      disagree: { m: 0.045, u: 0.9095 },
    },
    givenName: {
      exact: { m: 0.86, u: 0.002 },
      homophone: { m: 0.05, u: 0.002 },
      close: { m: 0.02, u: 0.01 },
      similar: { m: 0.01, u: 0.02 },
      swapped: { m: 0.005, u: 0.0001 },
      disagree: { m: 0.055, u: 0.9659 },
    },
  },
  // In bits of evidence. Auto-merge needs agreeing name + birth date + one more independent fact (phone,
  // address, ID): name + birth date + gender alone (王伟, 28.7 bits) goes to review, because in a register
  // of a million Chinese patients common names share birth dates by the hundred. Review starts where name
  // and birth date agree but little else does.
  thresholds: { upper: 30, lower: 12 },
  certainScore: 48,
};

const FIELD_ORDER: readonly MatchField[] = [
  'familyName',
  'givenName',
  'birthDate',
  'gender',
  'idNumber',
  'phone',
  'area',
  'street',
];

function weightOf(field: MatchField, level: FieldLevel, han: boolean, params: MatchParams): number {
  if (level === 'missing') return 0;
  const table =
    han && (field === 'familyName' || field === 'givenName') ? params.hanNames[field] : params.fields[field];
  const p = (table as Record<string, LevelProbabilities | undefined>)[level];
  if (!p) throw new RangeError(`no m/u for ${field}.${level}`);
  return Math.log2(p.m / p.u);
}

function certainRule(levels: FieldLevels): MatchRule | undefined {
  if (levels.idNumber === 'exact' && levels.birthDate === 'exact') return 'same_id_and_birth_date';
  if (
    levels.phone === 'agree' &&
    levels.birthDate === 'exact' &&
    levels.familyName === 'exact' &&
    levels.givenName === 'exact'
  ) {
    return 'same_phone_name_and_birth_date';
  }
  return undefined;
}

/**
 * Score a pair of normalised records (normalise each record once with `normaliseForMatch`). Deterministic
 * rules: the same ID number with the same birth date, or the same phone with the same name and birth date,
 * make the pair certain (score raised to `certainScore`). A clearly different ID number is only a strong
 * negative weight, so a mistyped or wrong document can still be caught in review.
 */
export function scorePair(
  a: MatchFeatures,
  b: MatchFeatures,
  params: MatchParams = DEFAULT_MATCH_PARAMS,
): PairScore {
  const levels = compareFeatures(a, b);
  const fields: FieldScore[] = [];
  let rawScore = 0;
  for (const field of FIELD_ORDER) {
    const level = levels[field];
    const han =
      field === 'familyName'
        ? a.family?.han === true && b.family?.han === true
        : field === 'givenName' && a.given?.han === true && b.given?.han === true;
    const weight = weightOf(field, level, han, params);
    rawScore += weight;
    fields.push({ field, level, weight });
  }
  const rule = certainRule(levels);
  const result: PairScore = {
    score: rule ? Math.max(rawScore, params.certainScore) : rawScore,
    rawScore,
    fields,
  };
  if (rule) result.rule = rule;
  return result;
}

/** Convenience for one-off comparisons: normalises both records, then scores them. */
export function scoreRecords(
  a: MatchRecord,
  b: MatchRecord,
  params: MatchParams = DEFAULT_MATCH_PARAMS,
): PairScore {
  return scorePair(normaliseForMatch(a), normaliseForMatch(b), params);
}

export function classifyScore(score: number, thresholds: MatchThresholds): MatchClass {
  if (score >= thresholds.upper) return 'auto_merge';
  if (score >= thresholds.lower) return 'review';
  return 'new';
}
