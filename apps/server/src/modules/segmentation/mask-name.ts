import { splitHanName } from '@carebridge/domain';

/**
 * 张* / 欧阳** / J*** : the surname (compound ones as the master patient index knows them) or the first
 * letter, and a star per remaining character, at most three. A one-character name shows nothing.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  const han = /^\p{Script=Han}+$/u.test(chars.join(''));
  const keep = han ? [...splitHanName(chars.join(''))[0]].length : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.min(chars.length - keep, 3));
}
