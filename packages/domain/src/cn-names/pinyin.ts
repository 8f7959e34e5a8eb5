import { pinyin, polyphonic } from 'pinyin-pro';

/**
 * Search keys for a person's name, so staff can find 张三丰 by typing "zhangsanfeng" or "zsf".
 * Han characters go through pinyin-pro in surname mode (单 shan, 曾 zeng, 尉迟 yuchi …); Latin letters,
 * digits and other letters are kept, lower-cased and without accents; separators (spaces, hyphens,
 * middle dots as in 买买提·艾力, apostrophes, dots) split words and are dropped.
 */
export interface NameKeys {
  /** Lowercase, no spaces or tones, ü written v: "zhangsanfeng". */
  pinyin: string;
  /** First letter of each syllable or word: "zsf". */
  initials: string;
}

export function nameSearchKeys(name: string): NameKeys {
  const keys: NameKeys = { pinyin: '', initials: '' };
  // One pass over the characters, cutting runs of Han and of other letters; no regex per name (speed).
  let run = '';
  let runKind: CharKind = SEPARATOR;
  let atNameStart = true;
  for (const char of name.normalize('NFKC')) {
    const kind = charKind(char);
    if (kind !== runKind) {
      if (run !== '') {
        addRun(keys, run, runKind, atNameStart);
        atNameStart = false;
      }
      run = '';
      runKind = kind;
    }
    if (kind !== SEPARATOR) run += char;
  }
  if (run !== '') addRun(keys, run, runKind, atNameStart);
  return keys;
}

/**
 * A pinyin search query in the form of the keys: lowercase; without spaces, apostrophes (xi'an),
 * hyphens, middle dots or other punctuation; without tone marks or tone numbers (zhāng, zhang1);
 * ü written v.
 */
export function normalisePinyinQuery(q: string): string {
  return toAsciiLower(q.normalize('NFKC'), 'v')
    .replace(/([a-z])[0-5](?!\d)/g, '$1')
    .replace(SEPARATORS, '');
}

const SEPARATOR = 0;
const HAN = 1;
const OTHER = 2;
type CharKind = typeof SEPARATOR | typeof HAN | typeof OTHER;

/** Whatever separates words in a name (spaces, punctuation such as ' - · ・ .) separates nothing in a key. */
const SEPARATORS = /[\p{Z}\s\p{P}\p{S}\p{C}]+/gu;
const kinds = new Map<string, CharKind>();

function charKind(char: string): CharKind {
  let kind = kinds.get(char);
  if (kind === undefined) {
    kind = /\p{Script=Han}/u.test(char) ? HAN : /^[\p{Z}\s\p{P}\p{S}\p{C}]$/u.test(char) ? SEPARATOR : OTHER;
    if (kinds.size < 100_000) kinds.set(char, kind);
  }
  return kind;
}

function addRun(keys: NameKeys, run: string, kind: CharKind, atNameStart: boolean): void {
  if (kind === HAN) {
    for (const syllable of hanSyllables(run, atNameStart)) {
      keys.pinyin += syllable;
      keys.initials += syllable[0] ?? '';
    }
  } else {
    const word = toAsciiLower(run, 'u');
    keys.pinyin += word;
    keys.initials += word[0] ?? '';
  }
}

/** Letters that do not decompose into a base letter plus accents. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
};

/**
 * Lowercase without accents. ü becomes `umlautU`: 'v' in pinyin (the pinyin-input convention) but 'u'
 * in Latin names, because staff type "muller" for Müller on a keyboard.
 */
function toAsciiLower(s: string, umlautU: 'u' | 'v'): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/u\u0308/g, umlautU)
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđ]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}

/**
 * pinyin-pro is asked for tone marks (its default) and we strip them ourselves: its own toneless output
 * ('none', 'v') costs twice as much per call, and there are only ~1,500 toned syllables to strip.
 */
const NORMAL_OPTIONS = { type: 'array' } as const;
// Surname mode only for the head of the name: in a given name 单 is dan, not shan.
const SURNAME_OPTIONS = { type: 'array', mode: 'surname', surname: 'head' } as const;

/**
 * Speed. A pinyin-pro call costs ~2 µs (segmentation, dictionaries). But most characters have a single
 * toneless reading whatever their context, and for a run made only of such characters the result is that
 * reading character by character. We verified against pinyin-pro's data that every character whose
 * surname reading differs (单, 曾, 尉, 万 …) has several readings, so surname mode cannot change such a
 * run either (the test compares both ways on thousands of names). Only runs with a polyphonic character
 * go through pinyin-pro as a whole, and those are cached: names repeat.
 */
function hanSyllables(run: string, atNameStart: boolean): readonly string[] {
  const fast: string[] = [];
  for (const char of run) {
    const reading = singleReading(char);
    if (reading === null) return wholeRun(run, atNameStart);
    if (reading !== '') fast.push(reading);
  }
  return fast;
}

/** Per character: its only toneless reading, '' if pinyin-pro does not know it, null if polyphonic. */
const readings = new Map<string, string | null>();

function singleReading(char: string): string | null {
  let reading = readings.get(char);
  if (reading === undefined) {
    const usual = toneless(pinyin(char, NORMAL_OPTIONS)[0] ?? '');
    if (!isPinyin(usual)) reading = '';
    else {
      const all = polyphonic(char, NORMAL_OPTIONS)[0] ?? [];
      reading = all.every((r) => toneless(r) === usual) ? usual : null;
    }
    readings.set(char, reading);
  }
  return reading;
}

const MAX_CACHED_RUNS = 50_000;
const runs = new Map<string, readonly string[]>();

function wholeRun(run: string, atNameStart: boolean): readonly string[] {
  const key = atNameStart ? run : `~${run}`;
  let syllables = runs.get(key);
  if (syllables === undefined) {
    // Characters pinyin-pro cannot read come back unchanged; they cannot be typed as pinyin, so drop them.
    syllables = pinyin(run, atNameStart ? SURNAME_OPTIONS : NORMAL_OPTIONS)
      .map(toneless)
      .filter(isPinyin);
    if (runs.size >= MAX_CACHED_RUNS) runs.clear();
    runs.set(key, syllables);
  }
  return syllables;
}

const syllables = new Map<string, string>();

/** 'lǚ' → 'lv'. Cached: the same few hundred syllables come back all the time. */
function toneless(toned: string): string {
  let plain = syllables.get(toned);
  if (plain === undefined) {
    plain = toAsciiLower(toned, 'v');
    if (syllables.size < 10_000) syllables.set(toned, plain);
  }
  return plain;
}

function isPinyin(s: string): boolean {
  return /^[a-z]+$/.test(s);
}
