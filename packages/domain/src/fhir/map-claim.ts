/**
 * Claim and ExplanationOfBenefit → InboundCharge (one charge per claim).
 *
 * - amountFen: Claim.total, else the sum of item.net; EOB: the 'submitted' total, else the first total, else
 *   payment.amount, else the sum of item.net. Converted to integer fen by `decimalToFen` (exact decimal
 *   text arithmetic, half away from zero past the fen). A currency other than CNY is kept as the number
 *   and noted ('currency:USD' in the result's notes); so is a rounded amount ('amount_rounded').
 * - An EOB adjudicates a Claim: when it names its claim (`claim` reference) the charge takes the Claim's
 *   key, so a bundle (or two imports) holding both yields one charge, not two; the later one wins.
 * - category: a coding of CHARGE_CATEGORY_SYSTEM on an item's category/productOrService; else claim type
 *   pharmacy → drug; else keywords in the items' text (挂号, 诊查, 检验/化验, 检查/影像, 药, 手术, 床位,
 *   体检, 治疗 and their English words); else 'other'.
 * - payer/insurer: the focal insurance's coverage (display, or the contained/bundled Coverage's payor or
 *   type), EOB.insurer: 医保/medicare/medicaid → medical_insurance, commercial/private/商业 →
 *   commercial_insurance, 自费/self/no insurance → self, employer/单位 → employer.
 * - chargedAt: created, else billablePeriod.start, else meta.lastUpdated; encounter: the first item's.
 * - draft, cancelled and entered-in-error claims are skipped.
 */
import type { Claim, ClaimItem, ExplanationOfBenefit, Money, Reference } from '@medplum/fhirtypes';
import type { InboundCharge, InboundChargeCategory, SourceKey } from '../interop/inbound';
import type { MapContext } from './context';
import { conceptName, decimalToFen, findCoding, firstText, hasCode } from './primitives';

/** CareBridge's own code system for charge categories (codes = InboundChargeCategory values). */
export const CHARGE_CATEGORY_SYSTEM = 'https://carebridge.cn/fhir/CodeSystem/charge-category';

const CATEGORIES: ReadonlySet<string> = new Set<InboundChargeCategory>([
  'registration',
  'consultation',
  'examination',
  'laboratory',
  'drug',
  'treatment',
  'surgery',
  'bed',
  'checkup_package',
  'other',
]);

/** Order matters: the first pattern that matches an item's text decides. */
const KEYWORDS: readonly [RegExp, InboundChargeCategory][] = [
  [/挂号|registration/i, 'registration'],
  [/体检|check[- ]?up|health examination/i, 'checkup_package'],
  [/检验|化验|laboratory|\blab\b/i, 'laboratory'],
  [/检查|影像|放射|超声|imaging|radiolog|x-ray|\bCT\b|\bMRI\b|ultrasound/i, 'examination'],
  [/手术|surgery|surgical|operation/i, 'surgery'],
  [/床位|住院费|\bbed\b/i, 'bed'],
  [/药|drug|medication|pharmacy|tablet|capsule|injection/i, 'drug'],
  [/诊查|诊察|诊疗费|consultation|office visit/i, 'consultation'],
  [/治疗|treatment|therapy/i, 'treatment'],
];

function categoryOf(typeCodes: Claim['type'], items: ClaimItem[] | undefined): InboundChargeCategory {
  for (const item of items ?? []) {
    for (const concept of [item.category, item.productOrService]) {
      const c = findCoding(concept, CHARGE_CATEGORY_SYSTEM);
      if (c?.code && CATEGORIES.has(c.code)) return c.code as InboundChargeCategory;
    }
  }
  if (hasCode([typeCodes], ['pharmacy'])) return 'drug';
  for (const item of items ?? []) {
    const text = conceptName(item.productOrService) ?? '';
    for (const [re, category] of KEYWORDS) if (re.test(text)) return category;
  }
  return 'other';
}

function payerOf(text: string): InboundCharge['payer'] {
  if (/no[_ ]?insurance|self|自费|自付|现金/i.test(text)) return 'self';
  if (/medicaid|medicare|医保|医疗保险|城镇职工|城乡居民|新农合|社保/i.test(text)) return 'medical_insurance';
  if (/private|commercial|商业|商保/i.test(text)) return 'commercial_insurance';
  if (/employer|单位|公费/i.test(text)) return 'employer';
  return undefined;
}

function insurerText(ctx: MapContext, coverage: Reference | undefined, path: string): string | undefined {
  if (coverage === undefined) return undefined;
  const r = ctx.ref(coverage, path, 'Coverage');
  const res = r?.resource;
  let fromResource: string | undefined;
  if (res?.resourceType === 'Coverage') {
    const payor = (res.payor as Reference[] | undefined)?.[0]?.display;
    fromResource = firstText(payor, conceptName(res.type as Claim['type']));
  }
  return firstText(coverage.display, fromResource);
}

/** Sum of amounts as fen, with the path of each for problems; undefined when there is none. */
function toFen(ctx: MapContext, amounts: { money: Money | undefined; path: string }[]): number | undefined {
  let total: number | undefined;
  for (const { money, path } of amounts) {
    if (money?.value === undefined) continue;
    const r = decimalToFen(money.value);
    if (!r.ok) {
      ctx.problem(`${path}.value`, 'fhir_element_invalid', 'amount out of range');
      return undefined;
    }
    if (r.rounded) ctx.note('amount_rounded');
    if (money.currency !== undefined && money.currency !== 'CNY') ctx.note(`currency:${money.currency}`);
    total = (total ?? 0) + r.fen;
  }
  return total;
}

function itemNets(items: ClaimItem[] | undefined) {
  return (items ?? []).map((item, i) => ({ money: item.net, path: `item[${i}].net` }));
}

function build(
  ctx: MapContext,
  r: Claim | ExplanationOfBenefit,
  source: SourceKey,
  patient: SourceKey,
  amountFen: number,
  insurer: string | undefined,
): InboundCharge[] {
  const chargedAt = ctx.instant(r.created ?? r.billablePeriod?.start ?? r.meta?.lastUpdated);
  if (chargedAt === undefined) return ctx.skip(`${r.resourceType}(no date)`);
  const item = (r.item ?? []).findIndex((i) => i.encounter?.[0]?.reference);
  const encounter =
    item >= 0
      ? ctx.refKey(r.item![item]!.encounter![0], `item[${item}].encounter[0]`, 'Encounter')
      : undefined;
  const out: InboundCharge = {
    type: 'charge',
    source,
    patient,
    category: categoryOf(r.type, r.item),
    amountFen,
    chargedAt,
  };
  if (encounter) out.encounter = encounter;
  if (insurer) {
    const payer = payerOf(insurer);
    if (payer) out.payer = payer;
    if (payer !== 'self') out.insurer = insurer;
  }
  return [out];
}

function focalInsurance(r: Claim | ExplanationOfBenefit) {
  const list = r.insurance ?? [];
  const i = Math.max(
    0,
    list.findIndex((x) => x.focal),
  );
  return { coverage: list[i]?.coverage, path: `insurance[${i}].coverage` };
}

export function mapClaim(c: Claim, ctx: MapContext): InboundCharge[] {
  if (c.status === 'cancelled' || c.status === 'entered-in-error' || c.status === 'draft') {
    return ctx.skip(`Claim(${c.status})`);
  }
  const patient = ctx.patient(c.patient, 'patient');
  if (patient === undefined || patient === 'skip') return [];
  const { coverage, path } = focalInsurance(c);
  const insurer = insurerText(ctx, coverage, path);
  const amountFen =
    c.total?.value !== undefined
      ? toFen(ctx, [{ money: c.total, path: 'total' }])
      : toFen(ctx, itemNets(c.item));
  if (ctx.problems.length > 0) return [];
  if (amountFen === undefined) return ctx.skip('Claim(no amount)');
  return build(ctx, c, ctx.key(), patient, amountFen, insurer);
}

export function mapExplanationOfBenefit(e: ExplanationOfBenefit, ctx: MapContext): InboundCharge[] {
  if (e.status === 'cancelled' || e.status === 'entered-in-error' || e.status === 'draft') {
    return ctx.skip(`ExplanationOfBenefit(${e.status})`);
  }
  const patient = ctx.patient(e.patient, 'patient');
  if (patient === undefined || patient === 'skip') return [];
  const claim = ctx.refKey(e.claim, 'claim', 'Claim');
  const { coverage, path } = focalInsurance(e);
  const insurer = firstText(e.insurer?.display, insurerText(ctx, coverage, path));
  const totals = e.total ?? [];
  const t = Math.max(
    0,
    totals.findIndex((x) => hasCode([x.category], ['submitted'])),
  );
  const amountFen =
    totals[t] !== undefined
      ? toFen(ctx, [{ money: totals[t].amount, path: `total[${t}].amount` }])
      : e.payment?.amount?.value !== undefined
        ? toFen(ctx, [{ money: e.payment.amount, path: 'payment.amount' }])
        : toFen(ctx, itemNets(e.item));
  if (ctx.problems.length > 0) return [];
  if (amountFen === undefined) return ctx.skip('ExplanationOfBenefit(no amount)');
  return build(ctx, e, claim ?? ctx.key(), patient, amountFen, insurer);
}
