import type { Lang } from '../../platform/i18n';

const TIER_NAMES: Record<string, { zh: string; en: string }> = {
  A: { zh: 'A 类（核心）', en: 'A (core)' },
  B: { zh: 'B 类（潜力）', en: 'B (potential)' },
  C: { zh: 'C 类（基础）', en: 'C (basic)' },
};

/** Title and body of a notice in the reader's language (stored as parameters, rendered when read). */
export function renderNotice(kind: string, params: Record<string, unknown>, lang: Lang) {
  if (kind === 'tier_change') {
    const from = TIER_NAMES[String(params.from)]?.[lang] ?? String(params.from);
    const to = TIER_NAMES[String(params.to)]?.[lang] ?? String(params.to);
    const name = typeof params.maskedName === 'string' ? params.maskedName : '';
    const explanation = (params.explanation as Record<Lang, string> | undefined)?.[lang] ?? '';
    const up = params.to === 'A';
    return lang === 'zh'
      ? {
          title: up ? `您负责的患者 ${name} 升为 A 类客户` : `您负责的患者 ${name} 不再是 A 类客户`,
          body: `${from} → ${to}。${explanation}`,
        }
      : {
          title: up ? `Your patient ${name} became an A customer` : `Your patient ${name} left tier A`,
          body: `${from} → ${to}. ${explanation}`,
        };
  }
  return { title: kind, body: '' };
}
