/** 张* / 欧阳** / J*** : the surname (or first letter) and a star per remaining character, at most three. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  // Four Han characters are most often a compound surname (欧阳, 司马) and a two-character given name.
  const keep = chars.length >= 4 && /\p{Script=Han}/u.test(name) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.min(chars.length - keep, 3));
}
