import type {
  InboundChargeCategory,
  InboundCharge,
  InboundEncounterKind,
  InboundEncounterStatus,
  InboundGender,
  InboundPatient,
} from '../interop/inbound';

/**
 * The words hospitals write in coded columns, mapped onto the inbound vocabularies. Keys are compared after
 * `normaliseToken` (NFKC, lowercase, no spaces or punctuation), so '男 ', 'Ｍ' and 'M.' are all 'm'.
 */

/** NFKC (full-width letters and digits to ASCII), lowercase, without whitespace and punctuation. */
export function normaliseToken(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

const memos = new WeakMap<ReadonlyMap<string, unknown>, Map<string, unknown>>();

/**
 * The vocabulary value a cell's text names, or undefined. Remembers up to 4096 distinct texts per table:
 * a coded column has a handful of distinct values over a million rows, and normalising is the slow part.
 */
export function lookupWord<T>(words: ReadonlyMap<string, T>, text: string): T | undefined {
  let memo = memos.get(words);
  if (memo === undefined) {
    memo = new Map();
    memos.set(words, memo);
  }
  if (memo.has(text)) return memo.get(text) as T | undefined;
  const found = words.get(normaliseToken(text));
  if (memo.size >= 4096) memo.clear();
  memo.set(text, found);
  return found;
}

function table<T extends string>(entries: Record<T, readonly string[]>): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, readonly string[]][]) {
    for (const word of words) map.set(normaliseToken(word), value);
  }
  return map;
}

/** GB/T 2261.1-2003: 0 未知的性别, 1 男, 2 女, 9 未说明的性别. */
export const GENDER_WORDS = table<InboundGender>({
  male: ['男', '男性', '男士', '先生', 'm', 'male', 'man', '1'],
  female: ['女', '女性', '女士', 'f', 'female', 'woman', '2'],
  unknown: [
    '未知',
    '未知的性别',
    '不详',
    '未说明',
    '未说明的性别',
    '其他',
    'u',
    'unknown',
    'other',
    '0',
    '9',
  ],
});

/** GB/T 2261.2-2003 codes (10 未婚, 20 已婚, 21 初婚, 22 再婚, 23 复婚, 30 丧偶, 40 离婚) and words. */
export const MARITAL_WORDS = table<NonNullable<InboundPatient['maritalStatus']> | 'unstated'>({
  single: ['未婚', '单身', 'single', 'unmarried', 'never married', '10'],
  married: ['已婚', '初婚', '再婚', '复婚', 'married', '20', '21', '22', '23'],
  widowed: ['丧偶', 'widowed', '30'],
  divorced: ['离婚', '离异', 'divorced', '40'],
  unstated: ['未说明', '未说明的婚姻状况', '不详', '未知', '其他', 'unknown', 'other', '90'],
});

export const ENCOUNTER_KIND_WORDS = table<InboundEncounterKind>({
  outpatient: [
    '门诊',
    '普通门诊',
    '专家门诊',
    '专科门诊',
    '特需门诊',
    '特需',
    '初诊',
    '复诊',
    '门诊就诊',
    'outpatient',
    'op',
    'o',
  ],
  emergency: ['急诊', '急诊留观', '留观', '急诊就诊', 'emergency', 'er', 'ed', 'e'],
  inpatient: ['住院', '入院', '住院就诊', 'inpatient', 'ip', 'i', 'admission'],
  checkup: [
    '体检',
    '健康体检',
    '入职体检',
    '团体体检',
    'checkup',
    'check up',
    'health check',
    'physical exam',
  ],
  online: [
    '互联网',
    '互联网医院',
    '互联网门诊',
    '线上',
    '在线',
    '网络门诊',
    '线上复诊',
    'online',
    'telemedicine',
  ],
});

export const ENCOUNTER_STATUS_WORDS = table<InboundEncounterStatus>({
  planned: ['预约', '已预约', '待就诊', '未就诊', 'planned', 'booked'],
  arrived: ['已到', '已签到', '已报到', '候诊', '待诊', 'arrived', 'checked in'],
  in_progress: ['就诊中', '在院', '住院中', '进行中', 'in progress', 'in_progress'],
  finished: [
    '已完成',
    '完成',
    '已就诊',
    '已诊',
    '已结束',
    '结束',
    '出院',
    '已出院',
    'finished',
    'completed',
    'done',
  ],
  cancelled: ['已取消', '取消', '退号', '已退号', '作废', 'cancelled', 'canceled'],
  no_show: ['未到', '爽约', '失约', '过号', 'no show', 'no_show', 'noshow'],
});

/** The fee categories of Chinese hospital bills (收费项目分类); anything else is 'other'. */
export const CHARGE_CATEGORY_WORDS = table<InboundChargeCategory>({
  registration: ['挂号费', '挂号', 'registration'],
  consultation: ['诊查费', '诊疗费', '诊察费', '诊金', '问诊费', 'consultation'],
  examination: [
    '检查费',
    '检查',
    '影像',
    '影像费',
    '放射费',
    'ct费',
    '超声费',
    '心电图费',
    'examination',
    'exam',
  ],
  laboratory: ['化验费', '检验费', '化验', '检验', 'laboratory', 'lab'],
  drug: [
    '药费',
    '药品费',
    '西药费',
    '中药费',
    '中成药费',
    '中草药费',
    '西药',
    '中药',
    '中成药',
    '草药费',
    'drug',
  ],
  treatment: ['治疗费', '治疗', '护理费', '材料费', '卫生材料费', 'treatment'],
  surgery: ['手术费', '手术', '麻醉费', 'surgery'],
  bed: ['床位费', '床位', 'bed'],
  checkup_package: ['体检费', '体检套餐', '体检', 'checkup', 'checkup package'],
  other: ['其他', '其他费', '其他费用', 'other'],
});

export const PAYER_WORDS = table<NonNullable<InboundCharge['payer']>>({
  self: ['自费', '自付', '全自费', '自费患者', '个人', 'self', 'self pay', 'self-pay'],
  medical_insurance: [
    '医保',
    '医疗保险',
    '基本医疗保险',
    '社保',
    '职工医保',
    '居民医保',
    '城镇职工',
    '城镇居民',
    '城乡居民',
    '城镇职工基本医疗保险',
    '城乡居民基本医疗保险',
    '新农合',
    '省医保',
    '市医保',
    '异地医保',
    'medical insurance',
    'insurance',
  ],
  commercial_insurance: ['商保', '商业保险', '商业医疗保险', 'commercial insurance'],
  employer: ['单位', '公司', '企业', '团体', '单位支付', 'employer', 'company'],
});

export const PAYMENT_METHOD_WORDS = table<NonNullable<InboundCharge['paymentMethod']>>({
  cash: ['现金', 'cash'],
  card: ['银行卡', '刷卡', '信用卡', '借记卡', '银联', 'pos', 'card', 'bank card'],
  wechat_pay: ['微信', '微信支付', 'wechat', 'wechat pay', 'weixin'],
  alipay: ['支付宝', 'alipay'],
  insurance: ['医保', '医保卡', '医保统筹', '医保账户', '医保个账', '统筹', 'insurance'],
});
